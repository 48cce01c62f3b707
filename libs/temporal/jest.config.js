module.exports = { ...require('../../jest.preset.js'), displayName: 'temporal', rootDir: __dirname, testTimeout: 120000 };
