/**
 * HTTP API's own answers: fixed `{"message"}` bodies it cannot be told to change (an HTTP API has no
 * gateway responses). https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html
 * shows the 401; the 404 for a request no route matches and the 429 are the bodies HTTP APIs are
 * reported to answer (unverified), as are the 500 for a failed function and the 413 (unverified).
 * Local mode answers them (local/gateway/http-api.ts) and the OpenAPI document of the HTTP flavor
 * lists them (lib/openapi.ts).
 */
export const httpApiAnswers = {
  notFound: { status: 404, message: 'Not Found' },
  unauthorized: { status: 401, message: 'Unauthorized' },
  forbidden: { status: 403, message: 'Forbidden' },
  throttled: { status: 429, message: 'Too Many Requests' },
  tooLarge: { status: 413, message: 'Request Entity Too Large' },
  integrationFailure: { status: 500, message: 'Internal Server Error' },
} as const;
