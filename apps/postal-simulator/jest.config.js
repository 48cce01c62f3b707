// The integration test runs the API in process: the API's Jest settings (its ESM-only packages
// transpiled, the store's too).
module.exports = { ...require('../api/jest.config.js'), displayName: 'postal-simulator', rootDir: __dirname };
