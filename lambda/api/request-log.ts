/**
 * A request's log lines, written through `console` for Lambda's JSON log format (the function's
 * LoggingConfig, lib/handler-function.ts). The Node.js runtime writes `console.info(fields)` as
 * {"timestamp","level":"INFO","requestId":<Lambda's request id>,"message":fields}, with `fields`
 * kept as JSON rather than turned into a string, and it makes the methods below the function's
 * ApplicationLogLevel no-ops: the level is a setting of the function, not of this code.
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html#node-js-logging-advanced
 * Only one argument is ever passed: with two or more the runtime flattens them into one string.
 * No Error object is ever passed either: the runtime would log its stack trace.
 */
let coldStart = true;
let invocation: Record<string, unknown> = {};

/** Call once per invocation, before logging: the request's keys go on every line until the next. */
export function startInvocation(apiRequestId: string): void {
  invocation = {
    // API Gateway's request id, the one a 500 names: Lambda's own is the line's `requestId`.
    apiRequestId,
    // Lambda sets _X_AMZN_TRACE_ID for each invocation (Root=…;Parent=…;Sampled=…); its Root is
    // the trace's id in X-Ray. https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
    traceId: /Root=([^;]+)/.exec(process.env._X_AMZN_TRACE_ID ?? '')?.[1],
    coldStart,
  };
  coldStart = false;
}

export function logInfo(msg: string, fields: Record<string, unknown>): void {
  console.info({ msg, ...invocation, ...fields });
}

export function logError(msg: string, fields: Record<string, unknown>): void {
  console.error({ msg, ...invocation, ...fields });
}
