// The browser tests: test/browser/*.browser.ts in Debian's Chromium (npm run test:browser). They are
// named so that neither test tier (jest.config.js, jest.e2e.config.js: *.test.ts) starts a browser.
const base = require('./jest.e2e.config');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.browser.ts'],
  // A journey is a dozen requests and a few screenshots: about 2 s here, with room for a slow machine.
  testTimeout: 60_000,
};
