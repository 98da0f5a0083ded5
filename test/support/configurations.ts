/**
 * Every stack configuration the tests read, as the context `-c key=value` would give: the run's one
 * synth process (test/support/stack-synth.ts) synthesizes each once, bundling skipped, and the test
 * files read the results (test/support/synth.ts). A context that is not here fails its test with a
 * message saying to add it here, rather than quietly synthesizing in a test worker again: the
 * first synth in a worker costs seconds (aws-cdk-lib's modules, the CloudFormation validation's
 * engine), the very cost this list exists to pay once. Contexts that merge to the same one
 * (`{}` and `{ stage: 'dev' }`, dev being cdk.json's stage) are one configuration.
 */
/** Every option that adds resources, on (test/stack/resource-budget.test.ts). */
export const everyOption = {
  site: 'true',
  waf: 'true',
  threatProtection: 'true',
  groups: 'admin,editor',
  allowedEmailDomains: 'example.com',
  defaultGroup: 'editor',
  rolesClaim: 'true',
  passwordless: 'passkey,email-otp',
  emailFrom: 'no-reply@example.com',
  alarmEmail: 'ops@example.com',
  domainName: 'api.example.com',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
};

/**
 * The same beside -c api=http, but for waf: AWS WAF cannot be associated with an HTTP API, and the
 * synth refuses it (lib/config.ts).
 */
export const everyHttpOption = (({ waf: _rest, ...others }) => ({ ...others, api: 'http' }))(everyOption);

export const stackConfigurations: readonly Record<string, unknown>[] = [
  {},
  { stage: 'prod' },
  { site: 'true' },
  { stage: 'prod', site: 'true' },
  { identityPool: 'false' },
  { passwordMinLength: '16' },
  { apiGatewayAccountRole: 'false' },
  { throttlingRateLimit: '5', throttlingBurstLimit: '10' },
  { site: 'true', logRetentionDays: '30' },
  { stage: 'prod', corsOrigins: 'https://app.example' },
  { site: 'true', corsOrigins: '*' },
  { threatProtection: 'true' },
  { mfa: 'off' },
  { mfa: 'required' },
  { refreshTokenRotation: 'false' },
  { refreshTokenGracePeriodSeconds: '0' },
  { threatProtection: 'true', refreshTokenRotation: 'false' },
  { waf: 'true' },
  { groups: 'admin,editor' },
  { allowedEmailDomains: 'example.com,example.org', groups: 'admin,editor', defaultGroup: 'editor', rolesClaim: 'true' },
  { rolesClaim: 'true', refreshTokenRotation: 'false' },
  { api: 'http', rolesClaim: 'true' },
  { alarmEmail: 'ops@example.com' },
  { alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:alarms' },
  { emailFrom: 'no-reply@example.com' },
  {
    stage: 'prod',
    emailFrom: 'no-reply@example.com',
    emailFromName: 'Example App',
    replyTo: 'support@example.com',
    sesRegion: 'us-east-1',
    sesConfigurationSet: 'auth-mail',
  },
  {
    domainName: 'api.example.com',
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
  },
  {
    domainName: 'api.example.com',
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
    hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  },
  { passwordless: 'passkey', refreshTokenRotation: 'false' },
  { waf: 'true', passwordless: 'passkey,email-otp', emailFrom: 'no-reply@example.com' },
  { passwordless: 'passkey,email-otp', emailFrom: 'no-reply@example.com', passkeyRelyingPartyId: 'app.example.com' },
  { api: 'http' },
  { api: 'http', corsOrigins: '', identityPool: 'false' },
  { api: 'http', site: 'true' },
  { api: 'http', alarmEmail: 'ops@example.com' },
  {
    api: 'http',
    domainName: 'api.example.com',
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
  },
  {
    api: 'http',
    domainName: 'api.example.com',
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
    hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  },
  everyHttpOption,
  // Contexts the config refuses: what the synth says.
  { passwordless: 'passkey', mfa: 'required' },
  { passwordless: 'email-otp' },
  { passwordMinLength: '6' },
  { throttlingRateLimit: 'fast' },
  { logRetentionDays: '31' },
  { corsOrigins: 'not a url' },
  { refreshTokenGracePeriodSeconds: '61' },
  everyOption,

  { api: 'graphql' },
  { api: 'http', waf: 'true' },
];

/**
 * Context the `cdk` CLI gives every synth unless told otherwise, so every configuration has it:
 * the asset metadata (aws-cdk's toolkit, contextFromSettings: `assetMetadata` defaults to true),
 * from which local mode reads each function's asset path (test/local/gateway).
 */
export const CDK_SYNTH_CONTEXT: Readonly<Record<string, unknown>> = { 'aws:cdk:enable-asset-metadata': true };
