import type { HandlerEnvironment } from '../../contract/environment';

type Name = keyof HandlerEnvironment | 'AWS_REGION';

/**
 * A variable the stack sets on this function (contract/environment.ts). Its absence is a
 * deployment fault, never the caller's: it throws a plain Error, which the handler wrapper answers
 * as a 500 and logs with this message (handler.ts), rather than letting a missing pool id read as
 * "not signed in".
 */
export function environment<Key extends Name>(name: Key): NonNullable<(HandlerEnvironment & { AWS_REGION: string })[Key]> {
  const value = process.env[name];
  if (!value) throw new Error(`The environment variable ${name} is not set on this function`);
  return value as NonNullable<(HandlerEnvironment & { AWS_REGION: string })[Key]>;
}

/** A variable the stack may leave out on purpose (CORS_ALLOWED_ORIGINS, COGNITO_ENDPOINT outside local mode). */
export function optionalEnvironment(name: 'CORS_ALLOWED_ORIGINS' | 'COGNITO_ENDPOINT'): string | undefined {
  return process.env[name] || undefined;
}
