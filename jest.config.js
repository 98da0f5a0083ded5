// Node 20 is the machine here; the SDK's notice that its 2027 releases need Node 22 is not news.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // jest's default on two cores is one worker; half the suites wait on sockets, worker threads and
  // scrypt, so two overlap well (measured here: 23 s → 15 s warm).
  maxWorkers: 2,
  // The end-to-end suites start servers, worker threads and child processes; 5 s is tight when
  // the other worker is busy too.
  testTimeout: 15_000,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Handlers log one JSON line a request through `console`, as Lambda's runtime shapes and filters it.
  setupFiles: ['<rootDir>/test/support/lambda-console.ts'],
  // ts-jest transpiles file by file because tsconfig sets isolatedModules; `npm run build`
  // (tsc --noEmit) is the type check, so jest need not repeat it in every worker.
  transform: {
    '^.+\\.ts$': 'ts-jest',
    // jose 6 ships only ES modules, which jest 30 cannot require on Node 20 (only on 24.9+);
    // ts-jest turns its files into CommonJS once, then serves them from jest's cache.
    '/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};
