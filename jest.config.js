// Node 20 is the machine here; the SDK's notice that its 2027 releases need Node 22 is not news.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Handlers log one JSON line a request; tests that read those lines raise the level themselves.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // ts-jest transpiles file by file because tsconfig sets isolatedModules; `npm run build`
  // (tsc --noEmit) is the type check, so jest need not repeat it in every worker.
  transform: { '^.+\\.ts$': 'ts-jest' },
};
