// The projector's tests open the store (PGlite loads Node built-ins with import(): see jest.transpile.js).
const { transpiling, STORE_PACKAGES } = require('../../jest.transpile.js');
module.exports = { ...require('../../jest.preset.js'), ...transpiling(STORE_PACKAGES), displayName: 'projector', rootDir: __dirname, testTimeout: 120000 };
