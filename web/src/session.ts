import type { CredentialsResponse, RefreshResponse, SignInResponse } from '../../contract/responses';

type Tokens = Pick<SignInResponse, 'idToken' | 'accessToken' | 'refreshToken'>;

/**
 * The signed-in user's tokens, in this variable and nowhere else: not localStorage,
 * sessionStorage or a cookie. A script injected into the page (XSS) can read every storage, at
 * any time, and send the tokens away; it cannot read a variable closed over inside this bundle.
 * (It could still act through the page while it is open, which is what the Content-Security-Policy
 * the page is served with is for.) The price: a reload or a new tab signs the user out.
 * The identity pool's AWS credentials follow the same rule, and end with the session; so does the
 * session of a sign-in waiting for its authenticator code (`pendingSignIn`), which with a code
 * completes the sign-in.
 */
let current: (Tokens & { email: string; twoFactor: boolean; awsCredentials?: CredentialsResponse }) | undefined;

export const session = {
  get: () => current,
  /**
   * `twoFactor`: the sign-in asked for an authenticator code. The page learns whether the account
   * has TOTP on from this alone: Cognito asks every account that has it, and none that has not.
   */
  start: (email: string, tokens: SignInResponse, twoFactor: boolean) => {
    current = { email, twoFactor, idToken: tokens.idToken, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
  },
  setTwoFactor: (on: boolean) => {
    if (current) current = { ...current, twoFactor: on };
  },
  /**
   * /refresh returns new id and access tokens, and with refresh-token rotation the next refresh
   * token, kept in place of the one sent (which stops working after the grace period), so that the
   * next refresh and sign-out use the current one. Without rotation there is none: the one held stays.
   */
  renew: (tokens: RefreshResponse) => {
    if (current) {
      const refreshToken = tokens.refreshToken ?? current.refreshToken;
      current = { ...current, idToken: tokens.idToken, accessToken: tokens.accessToken, refreshToken };
    }
  },
  keepAwsCredentials: (credentials: CredentialsResponse) => {
    if (current) current = { ...current, awsCredentials: credentials };
  },
  end: () => {
    current = undefined;
  },
};

let pending: { email: string; session: string } | undefined;

/** A sign-in whose password was right and which waits for the authenticator's code. */
export const pendingSignIn = {
  get: () => pending,
  /** The API hands a new session at each step (POST /sign-in, then /sign-in/totp-setup). */
  set: (email: string, signInSession: string) => {
    pending = { email, session: signInSession };
  },
  end: () => {
    pending = undefined;
  },
};
