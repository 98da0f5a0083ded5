export interface LambdaConsoleOptions {
  /** The runtime's configuration: AWS_LAMBDA_LOG_FORMAT and AWS_LAMBDA_LOG_LEVEL. */
  readonly env: Record<string, string | undefined>;
  /** The request id of the invocation running. */
  readonly requestId: () => string;
  readonly write: (line: string) => void;
}

export function patchConsole(target: Console, options: LambdaConsoleOptions): void;
