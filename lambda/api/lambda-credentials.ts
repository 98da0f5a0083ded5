/**
 * Stands in for `@aws-sdk/credential-provider-node` in the handler bundles (an esbuild alias set in
 * lib/handler-function.ts). Lambda puts the execution role's credentials in the environment
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN: the Lambda Developer Guide's
 * "defined runtime environment variables"), so the default chain's other providers (SSO, INI
 * files, IMDS, web identity, STS) never run there. Measured with esbuild and npm run bench: they
 * were 137 KB of a 346 KB bundle and about a fifth of its load time.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
