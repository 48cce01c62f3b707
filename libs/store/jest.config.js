const { transpiling, STORE_PACKAGES } = require('../../jest.transpile.js');
module.exports = { ...require('../../jest.preset.js'), ...transpiling(STORE_PACKAGES), displayName: 'store', rootDir: __dirname, testTimeout: 60000 };
