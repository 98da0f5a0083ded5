// Node 20 is the machine here; the SDK's notice that its 2027 releases need Node 22 is not news.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** tsconfig.json's target and module, for swc. */
const swcOptions = (syntax) => ({ jsc: { parser: { syntax }, target: 'es2022' }, module: { type: 'commonjs' } });

/**
 * The two tiers, told apart by folder and by nothing else: a test file below a folder named `e2e`
 * needs the run's bundling synth (the handlers' real bundles), starts `npm start` or the CDK app
 * as a process, or synthesizes as `cdk synth` does (the CloudFormation validation on: its engine
 * takes seconds to start); it runs in `npm run test:e2e` (jest.e2e.config.js). Every other test
 * file needs none of these, reads the stack only as templates synthesized without bundling, and runs in `npm test`
 * (this file). `npm run test:all` runs both; test/tiers.test.ts checks that every test file is in
 * exactly one.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // jest's default on two cores is one worker; half the suites wait on sockets, worker threads and
  // scrypt, so two overlap well (measured here: 23 s → 15 s warm).
  maxWorkers: 2,
  // The twin's suites start servers and worker threads; 5 s is tight when the other worker is busy too.
  testTimeout: 15_000,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/e2e/'],
  // Every stack configuration the tests read, synthesized once for the run in one process
  // (test/support/stack-synth.ts), beside the tests that need none.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testSequencer: '<rootDir>/test/support/sequencer.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  // Handlers log one JSON line a request through `console`, as Lambda's runtime shapes and filters it.
  setupFiles: ['<rootDir>/test/support/lambda-console.ts'],
  // swc transpiles each file alone, as tsconfig's isolatedModules promises it can; `npm run build`
  // (tsc --noEmit) is the type check, so jest need not repeat it in every worker.
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcOptions('typescript')],
    // jose 6 ships only ES modules, which jest 30 cannot require on Node 20 (only on 24.9+);
    // swc turns its files into CommonJS once, then jest serves them from its cache.
    '/node_modules/jose/.+\\.js$': ['@swc/jest', swcOptions('ecmascript')],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
};
