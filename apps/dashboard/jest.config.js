// The browser tests run the API in process (NestJS 12 and jose ship ESM only: see jest.transpile.js)
// over the store (PGlite), as apps/api/jest.config.js does.
const { transpiling, STORE_PACKAGES } = require('../../jest.transpile.js');
const ESM_PACKAGES = ['@nestjs', 'jose', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', '@borewit', 'uid'];
module.exports = { ...require('../../jest.preset.js'), ...transpiling([...ESM_PACKAGES, ...STORE_PACKAGES]), displayName: 'dashboard', rootDir: __dirname, testTimeout: 120000 };
