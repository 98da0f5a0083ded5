// What Lambda's Node.js runtime does to `console` before it loads a handler, so that local mode
// and the unit tests show the lines Lambda would write. Read from the runtime's source
// (aws/aws-lambda-nodejs-runtime-interface-client, src/logging/log-patch.ts and formatter.ts) and
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-logging.html#node-js-logging-advanced:
// - AWS_LAMBDA_LOG_FORMAT=JSON: one JSON object a line, {"timestamp","level","requestId","message"};
//   a lone argument is the message as it is (an object stays an object), several are flattened by
//   util.format into one string, and an Error among them adds errorType, errorMessage, stackTrace.
//   Otherwise (TEXT): timestamp, request id, level and util.format's string, tab-separated.
// - AWS_LAMBDA_LOG_LEVEL (set by Lambda from the ApplicationLogLevel): the methods below it do
//   nothing. Unset, nothing is filtered.
// - Newlines inside an entry become \r, so an entry stays one line; everything goes to stdout.
// Not emulated: Lambda's system (platform.*) records, and the filtering Lambda applies to what is
// written to stdout without `console`.
const { format } = require('node:util');

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];

function errorFields(error) {
  return {
    errorType: error?.constructor?.name ?? 'UnknownError',
    errorMessage: error.message,
    stackTrace: typeof error.stack === 'string' ? error.stack.split('\n') : error.stack,
  };
}

function jsonEntry(timestamp, requestId, level, message, params) {
  const entry = { timestamp, level, requestId };
  if (params.length === 0) {
    entry.message = message;
    try {
      return JSON.stringify(entry, (_, value) => (value instanceof Error ? { ...errorFields(value), ...value } : value));
    } catch {
      return JSON.stringify({ ...entry, message: format(message) });
    }
  }
  entry.message = format(message, ...params);
  const error = params.find((param) => param instanceof Error);
  return JSON.stringify(error ? { ...entry, ...errorFields(error) } : entry);
}

function textEntry(timestamp, requestId, level, message, params) {
  return [timestamp, requestId, level, format(message, ...params)].join('\t');
}

/**
 * Replaces the console methods of `target` as the runtime does, configured from `env` as the
 * runtime reads its own; `requestId()` names the invocation running, `write` takes each line.
 */
function patchConsole(target, { env, requestId, write }) {
  const entry = env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === 'JSON' ? jsonEntry : textEntry;
  const minimum = Math.max(0, LEVELS.indexOf(env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase()));
  const method = (level) =>
    LEVELS.indexOf(level) < minimum
      ? () => undefined
      : (message, ...params) =>
          write(`${entry(new Date().toISOString(), requestId(), level, message, params).replace(/\n/g, '\r')}\n`);
  target.trace = method('TRACE');
  target.debug = method('DEBUG');
  target.info = method('INFO');
  target.warn = method('WARN');
  target.error = method('ERROR');
  target.fatal = method('FATAL');
  target.log = target.info;
}

module.exports = { patchConsole };
