// Every project's tests in one Jest run (npm test); `nx run <project>:test` runs one of them.
module.exports = {
  // Global (per-project values are ignored under `projects`): the conformance and integration
  // suites start real servers and run many dossiers.
  testTimeout: 180000,
  projects: [
    '<rootDir>/libs/calendar',
    '<rootDir>/libs/contracts',
    '<rootDir>/libs/dossier',
    '<rootDir>/libs/catalog',
    '<rootDir>/libs/wire',
    '<rootDir>/libs/standard-webhooks',
    '<rootDir>/libs/forms',
    '<rootDir>/libs/reports',
    '<rootDir>/libs/event-bus',
    '<rootDir>/libs/store',
    '<rootDir>/libs/temporal',
    '<rootDir>/activities',
    '<rootDir>/workflows',
    '<rootDir>/apps/scenarios',
    '<rootDir>/apps/api',
    '<rootDir>/apps/worker',
    '<rootDir>/apps/projector',
    '<rootDir>/apps/postal-simulator',
    '<rootDir>/apps/identity',
    '<rootDir>/apps/dashboard',
    '<rootDir>/infra',
  ],
};
