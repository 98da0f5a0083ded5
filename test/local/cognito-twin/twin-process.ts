import { startCognitoTwin } from '../../../local/cognito-twin';
import { TEST_SCRYPT_COST, testPoolSettings } from './pool-fixture';

/**
 * The twin in a process of its own, for the test that kills it with SIGKILL mid-write.
 * Usage: node --require tsx/cjs twin-process.ts <stateDir>. Prints "READY <url>" once it listens.
 */
const [stateDir] = process.argv.slice(2);
startCognitoTwin({ settings: testPoolSettings(), stateDir, port: 0, log: () => undefined, scryptCost: TEST_SCRYPT_COST }).then(
  (twin) => process.stdout.write(`READY ${twin.url}\n`),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
