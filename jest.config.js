/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Transpile only: `npm run build` (tsc --noEmit) is the type check, so jest need not repeat it per file.
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true }] },
};
