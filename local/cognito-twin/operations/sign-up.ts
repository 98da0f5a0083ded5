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
import { clientMetadataOf, preSignUp } from '../triggers';
import type { Operation } from './operation';

type Dependencies = Pick<TwinContext, 'settings' | 'state' | 'journal' | 'passwords' | 'log' | 'now' | 'invokeFunction'>;

/**
 * API Reference, SignUp. With email as the username the email is an alias and the user's
 * `Username` is a generated UUID (also its `sub`). A taken email is UsernameExistsException even
 * when PreventUserExistenceErrors is ENABLED (cognito-user-pool-managing-errors, "SignUp").
 * `UserAttributes` is not read: the pool's only attribute is the email, which is the username.
 */
export const signUp =
  (context: Dependencies): Operation<SignUpRequest, SignUpResponse> =>
  async (request) => {
    const clientId = findClient(context.settings, requiredString(request, 'ClientId')).clientId;
    const email = requiredString(request, 'Username');
    const password = requiredString(request, 'Password');
    if (!isEmail(email)) throw errors.usernameNotEmail();
    assertPasswordConforms(password, context.settings.passwordPolicy);
    if (context.state.findUser(email)) throw errors.emailExists();

    const sub = randomUUID();
    // Before the user exists: a trigger that refuses leaves nothing behind (triggers.ts).
    const decided = await preSignUp(context, {
      userName: sub,
      clientId,
      email,
      validationData: request.ValidationData,
      clientMetadata: clientMetadataOf(request),
    });
    const passwordHash = await context.passwords.hash(password);
    if (context.state.findUser(email)) throw errors.emailExists();
    const now = context.now();
    const base: UserRecord = {
      sub,
      email,
      emailVerified: decided.autoVerifyEmail,
      status: 'UNCONFIRMED',
      passwordHash,
      createdAt: now,
      lockout: NO_LOCKOUT,
    };
    // autoConfirmUser: confirmed at once, and no code is sent (Developer Guide, "Pre sign-up Lambda trigger").
    if (decided.autoConfirmUser) {
      await context.journal.commit({ type: 'user', user: { ...base, status: 'CONFIRMED' } });
      return { UserConfirmed: true, UserSub: sub };
    }
    const signUpCode = issueCode(now);
    await deliverCode(context, { ...base, signUpCode }, 'sign-up', signUpCode);
    return { UserConfirmed: false, UserSub: sub, CodeDeliveryDetails: codeDeliveryDetails(email) };
  };
