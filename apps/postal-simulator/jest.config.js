module.exports = { ...require('../../jest.preset.js'), displayName: 'postal-simulator', rootDir: __dirname };
