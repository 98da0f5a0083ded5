import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { InvocationResult } from '../gateway/lambda-runtime';
import { allAttributesOf } from './attributes';
import { CognitoError } from './errors';
import type { UserRecord } from './pool-state';
import type { PoolSettings } from './settings';

/** Runs a function of the template, as local mode's Lambda runtime does (gateway/lambda-runtime.ts). */
export type InvokeFunction = (functionId: string, event: object, requestId: string) => Promise<InvocationResult>;

/** The trigger's name as Cognito's messages spell it ("PreSignUp failed with error …"). */
export type TriggerName = 'PreSignUp' | 'PostConfirmation' | 'PreTokenGeneration';

/**
 * "When called, your Lambda function must respond within 5 seconds. If it does not, Amazon Cognito
 * retries the call. After 3 unsuccessful attempts, the function times out. This 5-second timeout
 * value cannot be changed." (Developer Guide, "Customizing user pool workflows with Lambda triggers",
 * https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html).
 * The twin makes one attempt: a slow trigger fails at once instead of running three times (a
 * deliberate difference, never more lenient than Cognito).
 */
const TRIGGER_TIMEOUT_MS = 5_000;

/**
 * Cognito's answers when a trigger fails. Sources, each a real answer quoted in an issue (the
 * Developer Guide gives none of these texts):
 * - the function threw: UserLambdaValidationException "PreSignUp failed with error <message>."
 *   (aws-amplify/amplify-ui-android#314, aws-amplify/amplify-flutter#1051);
 * - no answer in time: UnexpectedLambdaException "PreSignUp invocation failed due to error Socket
 *   timeout while invoking Lambda function." (sst/sst#1815, amazon-cognito-identity-dart-2#204);
 * - an answer that is not the event: InvalidLambdaResponseException "Invalid lambda function output :
 *   Invalid JSON" (aws/aws-sdk-js#2692, aws-amplify/amplify-cli#2735);
 * - an event whose response fields are of the wrong type: InvalidLambdaResponseException
 *   "Unrecognizable lambda output" (amazon-archives/amazon-cognito-identity-js#167). Which malformed
 *   answer gets which of the two texts is unverified.
 * An init failure is reported as a thrown error, and an event over Lambda's payload limit as
 * UnexpectedLambdaException naming RequestEntityTooLargeException: both unverified.
 */
const triggerErrors = {
  threw: (trigger: TriggerName, message: string) =>
    new CognitoError('UserLambdaValidationException', `${trigger} failed with error ${message}.`),
  timedOut: (trigger: TriggerName) =>
    new CognitoError(
      'UnexpectedLambdaException',
      `${trigger} invocation failed due to error Socket timeout while invoking Lambda function.`,
    ),
  tooLarge: (trigger: TriggerName) =>
    new CognitoError('UnexpectedLambdaException', `${trigger} invocation failed due to error RequestEntityTooLargeException.`),
  notJson: () => new CognitoError('InvalidLambdaResponseException', 'Invalid lambda function output : Invalid JSON'),
  unrecognizable: () => new CognitoError('InvalidLambdaResponseException', 'Unrecognizable lambda output'),
};

/**
 * The event's common parameters (Developer Guide, "User pool Lambda trigger common parameters").
 * `awsSdkVersion` names the caller's SDK on AWS; the twin does not read the caller's User-Agent and
 * sends a fixed value (unverified form).
 */
export function commonParameters(
  settings: Pick<PoolSettings, 'poolId' | 'region'>,
  triggerSource: string,
  userName: string,
  clientId: string,
  version = '1',
) {
  return {
    version,
    triggerSource,
    region: settings.region,
    userPoolId: settings.poolId,
    userName,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
  };
}

/**
 * A user's attributes as a trigger's `request.userAttributes` has them: strings only, with `sub`
 * and `cognito:user_status` beside the pool's attributes, as AWS's sample events show them.
 */
export function userAttributesOf(user: UserRecord): Record<string, string> {
  return { ...allAttributesOf(user), 'cognito:user_status': user.status };
}

/** The request's ClientMetadata, as the event's `clientMetadata` (string values only, as the API Reference types it). */
export function clientMetadataOf(request: { ClientMetadata?: unknown }): Record<string, string> | undefined {
  const parsed = z.record(z.string(), z.string()).safeParse(request.ClientMetadata);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Invokes a trigger's function synchronously, waits at most TRIGGER_TIMEOUT_MS, and answers its
 * `response`, checked against `responseSchema`; any failure is thrown as Cognito answers it. Each
 * run is one console line saying what the trigger decided, never the codes or tokens it saw.
 */
export async function runTrigger<Response>(
  context: { invokeFunction: InvokeFunction; log(line: string): void },
  trigger: TriggerName,
  functionId: string,
  event: { triggerSource: string; response: unknown },
  responseSchema: z.ZodType<Response>,
): Promise<Response> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), TRIGGER_TIMEOUT_MS);
  });
  const outcome = await Promise.race([context.invokeFunction(functionId, event, randomUUID()), deadline]);
  clearTimeout(timer);
  const ran = `[cognito-twin] ${trigger} trigger (${event.triggerSource}, ${functionId}, ${Date.now() - started} ms)`;
  const refuse = (error: CognitoError): never => {
    context.log(`${ran}: ${error.type}: ${error.message}`);
    throw error;
  };
  if (outcome === 'timeout' || (!outcome.ok && outcome.reason === 'timeout')) return refuse(triggerErrors.timedOut(trigger));
  if (!outcome.ok && outcome.reason === 'payload-too-large') return refuse(triggerErrors.tooLarge(trigger));
  if (!outcome.ok) return refuse(triggerErrors.threw(trigger, outcome.errorMessage ?? outcome.message));
  const answer = outcome.result;
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return refuse(triggerErrors.notJson());
  const response = responseSchema.safeParse((answer as { response?: unknown }).response);
  if (!response.success) return refuse(triggerErrors.unrecognizable());
  context.log(`${ran}: ${describeResponse(response.data)}`);
  return response.data;
}

/** What the trigger decided, in a line: the response's fields that it set. */
function describeResponse(response: unknown): string {
  const set = Object.entries((response ?? {}) as Record<string, unknown>).filter(
    ([, value]) => value !== null && value !== undefined,
  );
  return set.length === 0
    ? 'allowed, nothing changed'
    : `allowed, ${set.map(([key, value]) => `${key} ${JSON.stringify(value)}`).join(', ')}`;
}

const flag = z.boolean().nullish();

/** Pre sign-up's response (Developer Guide, "Pre sign-up Lambda trigger"). */
const preSignUpResponse = z.object({ autoConfirmUser: flag, autoVerifyEmail: flag, autoVerifyPhone: flag }).nullish();

/**
 * Pre sign-up, `PreSignUp_SignUp`: before the user exists. It refuses the sign-up by throwing, or
 * confirms the user and verifies the email without a code. `userName` is the new user's username,
 * in an email-as-username pool the generated UUID. `validationData` is null when the request sends
 * none, as Powertools' schema of the event has it (PreSignupTriggerSchema, unverified against AWS).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html
 */
export async function preSignUp(
  context: { settings: PoolSettings; invokeFunction: InvokeFunction; log(line: string): void },
  input: {
    userName: string;
    clientId: string;
    email: string;
    /** The sign-up's other UserAttributes (`name`, `custom:…`). */
    attributes?: Record<string, string>;
    validationData?: unknown;
    clientMetadata?: Record<string, string>;
  },
): Promise<{ autoConfirmUser: boolean; autoVerifyEmail: boolean }> {
  const functionId = context.settings.lambdaTriggers.preSignUp;
  if (!functionId) return { autoConfirmUser: false, autoVerifyEmail: false };
  const validationData = z.array(z.object({ Name: z.string(), Value: z.string() })).safeParse(input.validationData);
  const event = {
    ...commonParameters(context.settings, 'PreSignUp_SignUp', input.userName, input.clientId),
    request: {
      userAttributes: { ...input.attributes, email: input.email },
      validationData: validationData.success ? Object.fromEntries(validationData.data.map((v) => [v.Name, v.Value])) : null,
      ...(input.clientMetadata ? { clientMetadata: input.clientMetadata } : {}),
    },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  };
  const response = await runTrigger(context, 'PreSignUp', functionId, event, preSignUpResponse);
  return { autoConfirmUser: response?.autoConfirmUser === true, autoVerifyEmail: response?.autoVerifyEmail === true };
}

/**
 * Post confirmation, after ConfirmSignUp (`PostConfirmation_ConfirmSignUp`) and ConfirmForgotPassword
 * (`PostConfirmation_ConfirmForgotPassword`), with the user's current attributes; its response is
 * empty. The confirmation is committed before it runs: when the trigger fails the caller gets the
 * trigger's error, yet the user is confirmed ("the user is actually confirmed in the user pool",
 * aws-amplify/amplify-cli#2735).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html
 */
export async function postConfirmation(
  context: { settings: PoolSettings; invokeFunction: InvokeFunction; log(line: string): void },
  triggerSource: 'PostConfirmation_ConfirmSignUp' | 'PostConfirmation_ConfirmForgotPassword',
  user: UserRecord,
  clientId: string,
  clientMetadata?: Record<string, string>,
): Promise<void> {
  const functionId = context.settings.lambdaTriggers.postConfirmation;
  if (!functionId) return;
  const event = {
    ...commonParameters(context.settings, triggerSource, user.sub, clientId),
    request: { userAttributes: userAttributesOf(user), ...(clientMetadata ? { clientMetadata } : {}) },
    response: {},
  };
  await runTrigger(context, 'PostConfirmation', functionId, event, z.object({}).nullish());
}
