import { randomUUID } from 'node:crypto';
import type { SignUpRequest, SignUpResponse } from '@aws-sdk/client-cognito-identity-provider';
import { issueCode } from '../codes';
import type { TwinContext } from '../context';
import { errors } from '../errors';
import { NO_LOCKOUT } from '../lockout';
import { codeDeliveryDetails, deliverCode } from '../mailbox';
import { assertPasswordConforms } from '../password-policy';
import type { UserRecord } from '../pool-state';
import { isEmail, requiredString } from '../request';
import { findClient } from '../settings';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'journal' | 'passwords' | 'log' | 'now'>;

/**
 * API Reference, SignUp. With email as the username the email is an alias and the user's
 * `Username` is a generated UUID (also its `sub`). A taken email is UsernameExistsException even
 * when PreventUserExistenceErrors is ENABLED (cognito-user-pool-managing-errors, "SignUp").
 * `UserAttributes` is not read: the pool's only attribute is the email, which is the username.
 */
export const signUp =
  (context: Dependencies): Operation<SignUpRequest, SignUpResponse> =>
  async (request) => {
    findClient(context.settings, requiredString(request, 'ClientId'));
    const email = requiredString(request, 'Username');
    const password = requiredString(request, 'Password');
    if (!isEmail(email)) throw errors.usernameNotEmail();
    assertPasswordConforms(password, context.settings.passwordPolicy);
    if (context.state.findUser(email)) throw errors.emailExists();

    const passwordHash = await context.passwords.hash(password);
    if (context.state.findUser(email)) throw errors.emailExists();
    const now = context.now();
    const signUpCode = issueCode(now);
    const user: UserRecord = {
      sub: randomUUID(),
      email,
      emailVerified: false,
      status: 'UNCONFIRMED',
      passwordHash,
      createdAt: now,
      signUpCode,
      lockout: NO_LOCKOUT,
    };
    await deliverCode(context, user, 'sign-up', signUpCode);
    return { UserConfirmed: false, UserSub: user.sub, CodeDeliveryDetails: codeDeliveryDetails(email) };
  };
