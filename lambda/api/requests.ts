import type * as z from 'zod/mini';
import { ApiError } from '../../contract/errors';
import type { ProxyEvent } from './event';

/**
 * curl -d without -H sends a form (application/x-www-form-urlencoded), the most common way to get
 * here; the caller's Content-Type is not quoted back, only the one to send.
 */
const CONTENT_TYPE_HINT = ' Send a JSON object with the header Content-Type: application/json.';

/** Whether the request said its body is JSON (`application/json`, or a `+json` type; header names are case-insensitive). */
function sentAsJson(event: Pick<ProxyEvent, 'headers'>): boolean {
  const contentType = Object.entries(event.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1];
  return /^application\/([\w.-]+\+)?json\s*(;|$)/i.test(contentType ?? '');
}

/**
 * The JSON body of a proxy event, validated against a request schema (contract/requests.ts). API Gateway
 * hands over the body as a string, base64-encoded when it judged it binary; anything but a JSON
 * object that matches the schema is the caller's mistake and answers 400 InvalidRequest
 * (InvalidPassword when a check of the schema says so: a new password that Cognito would refuse).
 *
 * zod is imported for its types only: the schema parses itself, so a handler without a body
 * (/public, /secret, /me) bundles none of zod (its 10 KB budget, scripts/bench/bundles.ts).
 */
export function parseBody<Schema extends z.ZodMiniType>(
  event: Pick<ProxyEvent, 'body' | 'isBase64Encoded' | 'headers'>,
  schema: Schema,
): z.infer<Schema> {
  const text = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (!text) throw new ApiError('InvalidRequest', 'The body must be a JSON object.');

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError('InvalidRequest', `The body is not valid JSON.${sentAsJson(event) ? '' : CONTENT_TYPE_HINT}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('InvalidRequest', 'The body must be a JSON object.');
  }

  const result = schema.safeParse(body, { reportInput: true });
  if (!result.success) {
    const [issue] = result.error.issues;
    throw new ApiError(
      issue.code === 'custom' && issue.params?.code === 'InvalidPassword' ? 'InvalidPassword' : 'InvalidRequest',
      describeIssue(issue),
    );
  }
  return result.data;
}

/**
 * The path parameters or the query string of a proxy event, validated against the route's schema
 * for them (contract/requests.ts). API Gateway hands each over as a map of strings, `null` when
 * there is none; a value the schema refuses is the caller's mistake, a 400 that names the
 * parameter but, as for a body, never echoes the value.
 */
export function parseParameters<Schema extends z.ZodMiniType>(
  values: Record<string, string | undefined> | null,
  schema: Schema,
  where: 'path' | 'query string',
): z.infer<Schema> {
  const result = schema.safeParse(values ?? {});
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  if (issue.code === 'unrecognized_keys') {
    const named = issue.keys.filter((key) => /^[A-Za-z][A-Za-z0-9_-]{0,39}$/.test(key));
    throw new ApiError(
      'InvalidRequest',
      named.length === issue.keys.length
        ? `Unknown ${where} parameter ${named.map((k) => `"${k}"`).join(', ')}.`
        : `The ${where} has a parameter this route does not take.`,
    );
  }
  const name = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'A parameter';
  throw new ApiError(
    'InvalidRequest',
    issue.code === 'invalid_type' && issue.input === undefined
      ? `The ${where} parameter ${name} is required.`
      : `The ${where} parameter ${name} is not valid.`,
  );
}

/** A sentence naming the field for the first problem zod found, never echoing the value sent. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length > 0 ? `"${issue.path.join('.')}"` : 'The body';
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `${field} is required.` : `${field} must be a ${issue.expected}.`;
    case 'too_small':
      return Number(issue.minimum) <= 1
        ? `${field} must not be empty.`
        : `${field} must be at least ${issue.minimum} characters.`;
    case 'too_big':
      return `${field} must be at most ${issue.maximum} characters.`;
    case 'invalid_format':
      if (issue.format === 'email') return `${field} must be an email address.`;
      if (issue.format === 'totp-code') return `${field} must be the 6 digits of the authenticator app, without spaces.`;
      return `${field} must not contain spaces.`;
    case 'unrecognized_keys': {
      // Names that read as field names help with a typo ("pasword"); anything else is the
      // caller's arbitrary text, and is not echoed.
      const named = issue.keys.filter((key) => /^[A-Za-z][A-Za-z0-9_-]{0,39}$/.test(key));
      return named.length === issue.keys.length
        ? `Unknown field ${named.map((k) => `"${k}"`).join(', ')}.`
        : 'The body has a field this route does not take.';
    }
    case 'custom':
      return issue.message;
    default:
      return `${field} is not valid.`;
  }
}
