import type { CredentialsResponse, RefreshResponse, SignInResponse } from '../../lambda/api/response-bodies';

type Tokens = Pick<SignInResponse, 'idToken' | 'accessToken' | 'refreshToken'>;

/**
 * The signed-in user's tokens, in this variable and nowhere else: not localStorage,
 * sessionStorage or a cookie. A script injected into the page (XSS) can read every storage, at
 * any time, and send the tokens away; it cannot read a variable closed over inside this bundle.
 * (It could still act through the page while it is open, which is what the Content-Security-Policy
 * the page is served with is for.) The price: a reload or a new tab signs the user out.
 * The identity pool's AWS credentials follow the same rule, and end with the session.
 */
let current: (Tokens & { email: string; awsCredentials?: CredentialsResponse }) | undefined;

export const session = {
  get: () => current,
  start: (email: string, tokens: SignInResponse) => {
    current = { email, idToken: tokens.idToken, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  },
  /** /refresh returns new id and access tokens; the refresh token stays the same. */
  renew: (tokens: RefreshResponse) => {
    if (current) current = { ...current, idToken: tokens.idToken, accessToken: tokens.accessToken };
  },
  keepAwsCredentials: (credentials: CredentialsResponse) => {
    if (current) current = { ...current, awsCredentials: credentials };
  },
  end: () => {
    current = undefined;
  },
};
