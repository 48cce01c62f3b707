// Shared by the projects' Jest configs: which npm packages go through swc as well.
const swc = ['@swc/jest', { swcrc: false, ...require('./swc.jest.json') }];

/**
 * For a project whose tests load these npm packages through swc too: ESM-only packages (Jest on
 * Node 20 cannot require() ESM), and packages that `import()` Node built-ins, which Jest's VM
 * refuses without --experimental-vm-modules (swc turns such imports into require()).
 */
function transpiling(packages) {
  return {
    transform: { '^.+\\.(ts|js|mjs|cjs)$': swc },
    transformIgnorePatterns: [`/node_modules/(?!(${packages.join('|')})/)`],
  };
}

/** PGlite loads Node built-ins with import(): every project whose tests open the store. */
const STORE_PACKAGES = ['@electric-sql/pglite'];

module.exports = { transpiling, STORE_PACKAGES };
