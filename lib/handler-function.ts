import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';

export interface HandlerFunctionProps {
  /** The entry file `lambda/<handler>.ts`. */
  readonly handler: string;
  readonly environment?: Record<string, string>;
}

const lambdaDir = path.join(__dirname, '..', 'lambda');

/** A route's Lambda function: one esbuild bundle of `lambda/<handler>.ts`, with the project's runtime choices. */
export class HandlerFunction extends nodejs.NodejsFunction {
  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id, {
      entry: path.join(lambdaDir, `${props.handler}.ts`),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      // Cognito answers in well under a second; 10 s stays far below API Gateway's 29 s limit,
      // so a stuck call ends as our own error rather than the gateway's timeout.
      timeout: Duration.seconds(10),
      environment: {
        POWERTOOLS_SERVICE_NAME: 'cognito-auth-api',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      bundling: {
        // The SDK is bundled, not taken from the runtime: its version is then the one tested here.
        bundleAwsSDK: true,
        minify: true,
        // Prefer the SDK's ES module builds: esbuild can drop what the handler does not use.
        mainFields: ['module', 'main'],
        sourceMap: true,
        sourcesContent: false,
        target: 'node24',
      },
    });
  }
}
