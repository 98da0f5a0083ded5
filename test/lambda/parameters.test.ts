import * as z from 'zod/mini';
import { ApiError } from '../../contract/errors';
import { parseParameters } from '../../lambda/api/requests';

/** lambda/api/requests.ts's parseParameters: a route's path parameters and query string, against its schemas. */
const query = z.strictObject({ limit: z.optional(z.string().check(z.regex(/^\d{1,2}$/))), email: z.optional(z.string()) });
const params = z.strictObject({ id: z.string().check(z.regex(/^[\w-]{1,64}$/)) });

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof ApiError ? [error.status, error.code, error.message] : error;
  }
  return 'accepted';
};

test('values the schemas take come back parsed; no query string at all (null) is no parameter', () => {
  expect(parseParameters({ limit: '10' }, query, 'query string')).toEqual({ limit: '10' });
  expect(parseParameters(null, query, 'query string')).toEqual({});
  expect(parseParameters({ id: 'n-1' }, params, 'path')).toEqual({ id: 'n-1' });
});

test.each([
  [{ limit: '1000' }, query, 'query string', 'The query string parameter "limit" is not valid.'],
  [{ nope: '1' }, query, 'query string', 'Unknown query string parameter "nope".'],
  [{ 'has space': '1' }, query, 'query string', 'The query string has a parameter this route does not take.'],
  [null, params, 'path', 'The path parameter "id" is required.'],
  [{ id: 'a b' }, params, 'path', 'The path parameter "id" is not valid.'],
] as const)('%j → 400 InvalidRequest (%#)', (values, schema, where, message) => {
  expect(refusal(() => parseParameters(values, schema, where))).toEqual([400, 'InvalidRequest', message]);
});

test('the message never quotes the value sent', () => {
  expect(JSON.stringify(refusal(() => parseParameters({ id: '<script>' }, params, 'path')))).not.toContain('<script>');
});
