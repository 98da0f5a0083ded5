import { patchConsole } from '../../local/gateway/lambda-console.cjs';

/**
 * The handlers' `console` as Lambda's runtime patches it for the stack's LoggingConfig (JSON), at
 * FATAL unless AWS_LAMBDA_LOG_LEVEL says otherwise, so that their lines stay out of test output;
 * captureLogs (events.ts) lowers the level while it reads them.
 */
patchConsole(console, {
  env: { AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: process.env.AWS_LAMBDA_LOG_LEVEL ?? 'FATAL' },
  requestId: () => '',
  write: (line) => process.stdout.write(line),
});
