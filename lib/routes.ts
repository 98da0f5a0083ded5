import type { $ZodType } from 'zod/v4/core';
import {
  confirmRequest,
  forgotPasswordRequest,
  refreshRequest,
  resendCodeRequest,
  resetPasswordRequest,
  signInRequest,
  signOutRequest,
  signUpRequest,
} from '../lambda/api/schemas';

export interface RouteSpec {
  /** Resource path, as the client calls it after the stage. */
  readonly path: string;
  readonly method: 'GET' | 'POST';
  /** The handler entry, `lambda/<handler>.ts`. */
  readonly handler: string;
  /** Behind the Cognito user pools authorizer (an id token in `Authorization`). */
  readonly signedIn?: boolean;
  /** The request body's schema; the route's handler alone enforces it (see `acknowledgeNoRequestValidator`). */
  readonly body?: $ZodType;
}

/** The API, one row a route: the stack builds from this table, local mode reads the template it produces. */
export const routes: readonly RouteSpec[] = [
  { path: '/sign-up', method: 'POST', handler: 'sign-up', body: signUpRequest },
  { path: '/confirm', method: 'POST', handler: 'confirm', body: confirmRequest },
  { path: '/resend-code', method: 'POST', handler: 'resend-code', body: resendCodeRequest },
  { path: '/sign-in', method: 'POST', handler: 'sign-in', body: signInRequest },
  { path: '/refresh', method: 'POST', handler: 'refresh', body: refreshRequest },
  { path: '/sign-out', method: 'POST', handler: 'sign-out', body: signOutRequest },
  { path: '/forgot-password', method: 'POST', handler: 'forgot-password', body: forgotPasswordRequest },
  { path: '/reset-password', method: 'POST', handler: 'reset-password', body: resetPasswordRequest },
  { path: '/public', method: 'GET', handler: 'public' },
  { path: '/secret', method: 'GET', handler: 'secret', signedIn: true },
  { path: '/me', method: 'GET', handler: 'me', signedIn: true },
];
