/**
 * The ports local mode (`npm start`) listens on unless told otherwise, each with the environment
 * variable that moves it. Here, beside the stack, because the dev stage's CORS default names the
 * page's origin (config.ts).
 */
export const localPorts = {
  apiPort: { default: 3000, variable: 'PORT', serves: 'the API' },
  cognitoPort: { default: 9229, variable: 'COGNITO_PORT', serves: 'the Cognito twin' },
  webPort: { default: 5173, variable: 'WEB_PORT', serves: 'the page' },
} as const;
