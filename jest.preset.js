// One Jest setup for every project: swc transpiles TypeScript (fast on 2 cores) with the same
// decorator settings as the runtime (tsx/esbuild emits no decorator metadata, so neither do we:
// Nest providers are injected by explicit token, and a test would catch a missing one).
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias.replace(/[/\-]/g, (c) => '\\' + c)}$`] = path.join(__dirname, target);
}

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { swcrc: false, ...require('./swc.jest.json') }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  testMatch: ['**/?(*.)+(spec|test).ts'],
};
