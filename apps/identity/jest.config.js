// jose (the tests verify tokens with it, as a resource server would) ships ESM only: see jest.transpile.js.
const { transpiling } = require('../../jest.transpile.js');
module.exports = {
  ...require('../../jest.preset.js'),
  ...transpiling(['jose']),
  displayName: 'identity',
  rootDir: __dirname,
  testTimeout: 60000,
};
