// The notification activity's tests also open the store (PGlite): see jest.transpile.js.
const { transpiling, STORE_PACKAGES } = require('../jest.transpile.js');
module.exports = { ...require('../jest.preset.js'), ...transpiling(STORE_PACKAGES), displayName: 'activities', rootDir: __dirname, testTimeout: 60000 };
