module.exports = { ...require('../../jest.preset.js'), displayName: 'standard-webhooks', rootDir: __dirname };
