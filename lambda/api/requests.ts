import type { APIGatewayProxyEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { ApiError } from './errors';
import { describeIssue } from './schemas';

/**
 * The JSON body of a proxy event, validated against a request schema. API Gateway hands over the
 * body as a string, base64-encoded when it judged it binary; anything but a JSON object that
 * matches the schema is the caller's mistake and answers 400 InvalidRequest (InvalidPassword when a
 * check of the schema says so: a new password that Cognito would refuse).
 */
export function parseBody<Schema extends z.ZodMiniType>(event: Pick<APIGatewayProxyEvent, 'body' | 'isBase64Encoded'>, schema: Schema): z.infer<Schema> {
  const text = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (!text) throw new ApiError('InvalidRequest', 'The body must be a JSON object.');

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError('InvalidRequest', 'The body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('InvalidRequest', 'The body must be a JSON object.');
  }

  const result = z.safeParse(schema, body, { reportInput: true });
  if (!result.success) {
    const [issue] = result.error.issues;
    throw new ApiError(
      issue.code === 'custom' && issue.params?.code === 'InvalidPassword' ? 'InvalidPassword' : 'InvalidRequest',
      describeIssue(issue),
    );
  }
  return result.data;
}
