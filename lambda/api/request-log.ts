import type { Context } from 'aws-lambda';

/**
 * Structured JSON log lines, one object a line, in the shape Powertools Logger writes (level,
 * message, timestamp, service, cold_start, function_*), so that CloudWatch Logs Insights queries
 * written for Powertools work here too. Not Powertools itself: measured with esbuild, its Logger
 * was 21 KB of the 27 KB bundle of GET /public, and the SDK-free handlers' budget is 10 KB.
 *
 * LOG_LEVEL (DEBUG, INFO, WARN, ERROR, SILENT) filters; INFO by default.
 */
const levels = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 100 } as const;
type Level = Exclude<keyof typeof levels, 'SILENT'>;

let coldStart = true;
let invocation: Record<string, unknown> = {};

/** Call once per invocation, before logging: the request's keys go on every line until the next. */
export function startInvocation(context: Context, requestId: string): void {
  invocation = {
    cold_start: coldStart,
    function_name: context.functionName,
    function_memory_size: context.memoryLimitInMB,
    function_request_id: context.awsRequestId,
    requestId,
  };
  coldStart = false;
}

export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const threshold = levels[(process.env.LOG_LEVEL?.toUpperCase() as keyof typeof levels) ?? 'INFO'] ?? levels.INFO;
  if (levels[level] < threshold) return;
  const line = JSON.stringify({ level, message, timestamp: new Date().toISOString(), service: process.env.SERVICE_NAME, ...invocation, ...fields });
  (levels[level] >= levels.WARN ? process.stderr : process.stdout).write(`${line}\n`);
}
