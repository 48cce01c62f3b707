module.exports = { ...require('../../jest.preset.js'), displayName: 'dossier', rootDir: __dirname };
