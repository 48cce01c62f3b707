// NestJS 12 ships ESM only, and Jest on Node 20 cannot require() ESM: those packages are
// transpiled to CommonJS by the same swc transform as our sources.
const preset = require('../../jest.preset.js');
const swc = ['@swc/jest', { swcrc: false, ...require('../../swc.jest.json') }];
const ESM_PACKAGES = ['@nestjs', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', '@borewit', 'uid'];
module.exports = {
  ...preset,
  displayName: 'api',
  rootDir: __dirname,
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  testTimeout: 30000,
};
