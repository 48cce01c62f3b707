// The local stack's scripts, tested as users run them (bash, real processes).
module.exports = { ...require('../jest.preset.js'), displayName: 'infra', rootDir: __dirname, testTimeout: 120000 };
