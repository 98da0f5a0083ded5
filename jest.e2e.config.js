// The end-to-end tier (`npm run test:e2e`): every test file below a folder named `e2e`, and only
// those (the rule is in jest.config.js). Local mode end to end, `npm start` and the CDK app as
// processes, and the handlers' real bundles: one synth with bundling for the whole run
// (test/support/e2e-global-setup.ts), reused while no file it can read has changed.
const base = require('./jest.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['**/e2e/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: '<rootDir>/test/support/e2e-global-setup.ts',
};
