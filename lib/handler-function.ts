import * as path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundleHash } from './bundle-hash';

export interface HandlerFunctionProps {
  /** The entry file `lambda/<handler>.ts` (a trigger's: `triggers/<name>`). */
  readonly handler: string;
  readonly environment: Record<string, string>;
  readonly logRetention: logs.RetentionDays;
  /** What its role may do besides, granted by the caller, for the role's description. @default nothing */
  readonly alsoAllowed?: string;
  /** @default 10 seconds (see below); a Cognito trigger's is 5, all Cognito waits. */
  readonly timeout?: Duration;
}

const lambdaDir = path.join(__dirname, '..', 'lambda');

// Each choice below makes a handler's bundle smaller and quicker to load than the tutorials' build
// (non-minified CommonJS with the SDK inside): minify with the SDK's ES module builds (mainFields),
// zod/mini, and only the credential provider Lambda uses (lambda-credentials.ts). `npm run bench`
// measures both builds side by side and holds the figures; docs/performance.md
// quotes its last run. ESM output would need a createRequire banner for the SDK's dynamic
// requires, for no measured gain.
const bundling: nodejs.BundlingOptions = {
  // The SDK is bundled, not taken from the runtime: its version is then the one tested here.
  bundleAwsSDK: true,
  minify: true,
  mainFields: ['module', 'main'],
  // The .map ships in the asset to map a stack trace offline; --enable-source-maps is not set,
  // because reading it at every cold start added to every load time the bench measures.
  sourceMap: true,
  sourcesContent: false,
  target: 'node24',
  // esbuild's own size-and-time summary of every bundle, 23 blocks a synth, said nothing a reader
  // needs. The documented default is WARNING, but aws-cdk-lib 2.276 passes --log-level only when it
  // is set, and esbuild's CLI then prints at info (measured).
  logLevel: nodejs.LogLevel.WARNING,
  // Relative to the project root, where NodejsFunction runs esbuild.
  esbuildArgs: { '--alias:@aws-sdk/credential-provider-node': './lambda/api/lambda-credentials.ts' },
};

/**
 * A route's Lambda function: one esbuild bundle of `lambda/<handler>.ts`, with the project's
 * runtime choices, a log group it alone may write to, and a role that allows nothing else.
 */
export class HandlerFunction extends Construct {
  readonly function: nodejs.NodejsFunction;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.RETAIN });
    // Instead of AWSLambdaBasicExecutionRole, which may write to every log group in the account.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.handler} handler: writes its own logs and traces, ${props.alsoAllowed ?? 'nothing else'}`,
      inlinePolicies: {
        logs: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [logGroup.logGroupArn],
            }),
          ],
        }),
      },
    });

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: path.join(lambdaDir, `${props.handler}.ts`),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      // Lambda gives CPU in proportion to memory (a full vCPU at 1,769 MB). A warm request is I/O:
      // a Cognito round trip, with a few ms of CPU, so more memory only costs more. A cold start is
      // CPU: the bundle's load (npm run bench: "load: <handler>", on one full core), about 3.5 times
      // longer at 512 MB and 7 times at 256 MB. 512 MB halves the cold start of 256 MB for a third
      // of a dollar more per million requests (docs/COST.md has the arithmetic); 1,024 MB would
      // double that again.
      memorySize: 512,
      // Cognito answers in well under a second; 10 s stays far below API Gateway's 29 s limit,
      // so a stuck call ends as our own error rather than the gateway's timeout.
      timeout: props.timeout ?? Duration.seconds(10),
      role,
      logGroup,
      // Lambda's own JSON log format instead of a logging library: the Node.js runtime turns
      // console.info(object) into {"timestamp","level","requestId","message":object} and makes the
      // console methods below ApplicationLogLevel no-ops, for 0 bytes of bundle (Powertools Logger
      // made the /public bundle 28 KB against a 10 KB budget: measured with esbuild, see the commit).
      // START/END/REPORT become JSON platform.* records, filtered by SystemLogLevel.
      // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html
      // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.INFO,
      tracing: lambda.Tracing.ACTIVE,
      environment: props.environment,
      bundling: { ...bundling, assetHash: bundleHash(props.handler, bundling) },
    });

    const tracingPolicy = role.node.tryFindChild('DefaultPolicy');
    if (tracingPolicy) {
      Validations.of(tracingPolicy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray PutTraceSegments and PutTelemetryRecords support no resource-level permissions (Service Authorization Reference, AWS X-Ray)',
      });
    }
  }
}
