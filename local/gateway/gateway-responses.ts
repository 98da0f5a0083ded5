import type { GatewayResponseModel } from '../stack-model';

/**
 * API Gateway's own answer for each response type it raises here, before the template's gateway
 * responses customise it (Amazon API Gateway Developer Guide, "Gateway response types").
 */
const builtIn: Record<string, { status: number; message: string }> = {
  UNAUTHORIZED: { status: 401, message: 'Unauthorized' },
  ACCESS_DENIED: { status: 403, message: 'User is not authorized to access this resource' },
  MISSING_AUTHENTICATION_TOKEN: { status: 403, message: 'Missing Authentication Token' },
  INVALID_SIGNATURE: { status: 403, message: 'Forbidden' },
  EXPIRED_TOKEN: { status: 403, message: 'Forbidden' },
  THROTTLED: { status: 429, message: 'Too Many Requests' },
  REQUEST_TOO_LARGE: { status: 413, message: 'Request Too Long' },
  INTEGRATION_FAILURE: { status: 502, message: 'Internal server error' },
  INTEGRATION_TIMEOUT: { status: 504, message: 'Endpoint request timed out' },
};

export type GatewayResponseType = keyof typeof builtIn;

export interface RenderedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The response for a type, the way API Gateway picks it: the template's response for that type,
 * else its DEFAULT_4XX / DEFAULT_5XX, else the built-in body. Templates get simple `$context`
 * substitution only, as on AWS (gateway response templates are not VTL).
 */
export function renderGatewayResponse(
  responses: Record<string, GatewayResponseModel>,
  type: GatewayResponseType,
  context: Record<string, string>,
  requestHeader: (name: string) => string | undefined,
  /** The specific reason API Gateway puts in `$context.error.message` (the IAM authorizer's refusals). */
  specificMessage?: string,
): RenderedResponse {
  const { status: defaultStatus, message: builtInMessage } = builtIn[type];
  const message = specificMessage ?? builtInMessage;
  const configured = responses[type] ?? responses[defaultStatus >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX'];
  const values: Record<string, string> = {
    ...context,
    'error.message': message,
    'error.messageString': JSON.stringify(message),
    'error.responseType': type,
  };
  const template = configured?.template ?? '{"message":$context.error.messageString}';
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  for (const [name, source] of Object.entries(configured?.headers ?? {})) {
    // A header mapped from a request header the request lacks is left out, as API Gateway does.
    const value = 'value' in source ? source.value : requestHeader(source.fromRequestHeader);
    if (value !== undefined) headers[name] = value;
  }
  return {
    status: configured?.statusCode ?? defaultStatus,
    headers,
    // The greedy name match reads $context.error.messageString whole, never as ...message + "String".
    body: template.replace(/\$context\.([A-Za-z.]+[A-Za-z])/g, (_, name: string) => values[name] ?? ''),
  };
}
