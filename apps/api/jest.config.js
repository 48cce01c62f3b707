// NestJS 12 ships ESM only (see jest.transpile.js); the API's tests also open the store (PGlite).
const { transpiling, STORE_PACKAGES } = require('../../jest.transpile.js');
const ESM_PACKAGES = ['@nestjs', 'jose', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', '@borewit', 'uid'];
module.exports = {
  ...require('../../jest.preset.js'),
  ...transpiling([...ESM_PACKAGES, ...STORE_PACKAGES]),
  displayName: 'api',
  rootDir: __dirname,
  testTimeout: 30000,
};
