import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FunctionModel } from '../stack-model';

export type InvocationResult =
  | { ok: true; result: unknown }
  | {
      ok: false;
      reason: 'error' | 'timeout' | 'init' | 'payload-too-large';
      message: string;
      /** What the function threw, as Lambda's Invoke answer has it (`errorMessage`); absent when no code ran. */
      errorMessage?: string;
    };

/**
 * Lambda's limit on a synchronous invocation's payload, "6 MB each for request and response" (Lambda quotas,
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html): Lambda refuses a larger event
 * (RequestEntityTooLargeException) before any code runs. Read here as 6 MiB of the event's JSON; the exact byte count
 * AWS compares is not documented (unverified).
 */
const MAX_EVENT_BYTES = 6 * 1024 * 1024;

type InitError = Error & { errorMessage?: string };

interface Container {
  worker: Worker;
  busy: boolean;
  ready: Promise<void>;
  pending?: { id: number; resolve: (r: InvocationResult) => void; timer: NodeJS.Timeout };
}

export interface LambdaRuntimeOptions {
  /** The environment Lambda itself sets, merged under the function's own variables. */
  readonly baseEnvironment: Record<string, string>;
  /** Where the containers' stdout and stderr go: the handlers' log lines, in the function's log format. */
  readonly onOutput: (functionId: string, chunk: string) => void;
  /** Variables Lambda sets per function (its execution role's credentials), over the base and under the function's own. */
  readonly environmentOf?: (functionId: string) => Record<string, string> | undefined;
  /** Containers per function: Lambda scales out per concurrent request; two cores here gain nothing past a few. */
  readonly maxContainersPerFunction?: number;
}

/**
 * Runs each function as Lambda would: in containers of its own (worker threads, so each has its
 * own process.env and module state), kept warm between invocations, one invocation at a time per
 * container, more containers when requests overlap, and a container that times out is discarded.
 */
export class LambdaRuntime {
  private readonly containers = new Map<string, Container[]>();
  private readonly queues = new Map<string, Array<() => void>>();
  private nextId = 0;

  constructor(
    private readonly functions: Record<string, FunctionModel>,
    private readonly options: LambdaRuntimeOptions,
  ) {}

  /** Starts one container per function now, so that the first request does not pay for init. */
  async warm(): Promise<void> {
    await Promise.all(Object.keys(this.functions).map((id) => this.spawn(id).ready.catch(() => undefined)));
  }

  async invoke(functionId: string, event: unknown, requestId: string): Promise<InvocationResult> {
    const eventBytes = Buffer.byteLength(JSON.stringify(event));
    if (eventBytes > MAX_EVENT_BYTES) {
      return {
        ok: false,
        reason: 'payload-too-large',
        message: `${eventBytes} byte payload is too large (limit ${MAX_EVENT_BYTES})`,
      };
    }
    const container = await this.acquire(functionId);
    try {
      await container.ready;
    } catch (error) {
      this.discard(functionId, container);
      return { ok: false, reason: 'init', message: (error as Error).message, errorMessage: (error as InitError).errorMessage };
    }
    const fn = this.functions[functionId];
    const id = this.nextId++;
    const deadline = Date.now() + fn.timeoutSeconds * 1000;
    const outcome = await new Promise<InvocationResult>((resolve) => {
      const timer = setTimeout(() => {
        this.discard(functionId, container);
        resolve({ ok: false, reason: 'timeout', message: `Task timed out after ${fn.timeoutSeconds.toFixed(2)} seconds` });
      }, fn.timeoutSeconds * 1000);
      container.pending = { id, resolve, timer };
      container.worker.postMessage({ id, event, requestId, deadline });
    });
    this.release(functionId, container);
    return outcome;
  }

  async close(): Promise<void> {
    const all = [...this.containers.values()].flat();
    this.containers.clear();
    // An invocation still running (one its caller stopped waiting for, as the twin does after 5 s) ends with its container.
    for (const container of all) if (container.pending) clearTimeout(container.pending.timer);
    await Promise.all(all.map((c) => c.worker.terminate()));
  }

  private async acquire(functionId: string): Promise<Container> {
    for (;;) {
      const pool = this.containers.get(functionId) ?? [];
      const idle = pool.find((c) => !c.busy);
      const container = idle ?? (pool.length < (this.options.maxContainersPerFunction ?? 4) ? this.spawn(functionId) : undefined);
      if (container) {
        container.busy = true;
        return container;
      }
      await new Promise<void>((wake) => {
        const queue = this.queues.get(functionId) ?? [];
        queue.push(wake);
        this.queues.set(functionId, queue);
      });
    }
  }

  private release(functionId: string, container: Container): void {
    container.busy = false;
    container.pending = undefined;
    this.queues.get(functionId)?.shift()?.();
  }

  private discard(functionId: string, container: Container): void {
    const pool = this.containers.get(functionId) ?? [];
    this.containers.set(
      functionId,
      pool.filter((c) => c !== container),
    );
    void container.worker.terminate();
    this.queues.get(functionId)?.shift()?.();
  }

  private spawn(functionId: string): Container {
    const fn = this.functions[functionId];
    const worker = new Worker(path.join(__dirname, 'lambda-container.cjs'), {
      workerData: { codeDir: fn.codeDir, handler: fn.handler, functionName: fn.logicalId, memoryMb: fn.memoryMb },
      env: {
        ...this.options.baseEnvironment,
        AWS_LAMBDA_FUNCTION_NAME: fn.logicalId,
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.logicalId}`,
        LAMBDA_TASK_ROOT: fn.codeDir,
        // Lambda tells the runtime its LoggingConfig through these two variables; lambda-container.cjs
        // reads them as the runtime does. https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-log-level.html
        AWS_LAMBDA_LOG_FORMAT: fn.logging.format,
        ...(fn.logging.applicationLogLevel ? { AWS_LAMBDA_LOG_LEVEL: fn.logging.applicationLogLevel } : {}),
        ...this.options.environmentOf?.(functionId),
        ...fn.environment,
      },
      stdout: true,
      stderr: true,
    });
    for (const stream of [worker.stdout, worker.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => this.options.onOutput(functionId, chunk));
    }
    const container: Container = { worker, busy: false, ready: Promise.resolve() };
    container.ready = new Promise<void>((resolve, reject) => {
      worker.once('message', (m) =>
        m.type === 'ready'
          ? resolve()
          : reject(Object.assign(new Error(`${m.error.name}: ${m.error.message}`), { errorMessage: m.error.message })),
      );
      worker.once('error', reject);
    });
    container.ready.catch(() => undefined);
    worker.on('message', (m) => {
      const pending = container.pending;
      if (!pending || m.id !== pending.id) return;
      clearTimeout(pending.timer);
      pending.resolve(
        'error' in m
          ? { ok: false, reason: 'error', message: `${m.error.name}: ${m.error.message}`, errorMessage: m.error.message }
          : { ok: true, result: m.result },
      );
    });
    worker.on('error', () => {
      if (container.pending) {
        clearTimeout(container.pending.timer);
        container.pending.resolve({ ok: false, reason: 'error', message: 'Runtime exited' });
      }
      this.discard(functionId, container);
    });
    this.containers.set(functionId, [...(this.containers.get(functionId) ?? []), container]);
    return container;
  }
}
