import { randomUUID } from 'node:crypto';
import type { SignUpRequest, SignUpResponse } from '@aws-sdk/client-cognito-identity-provider';
import { assertWritable, attributeListOf, withAttributes } from '../attributes';
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
 * `UserAttributes` are held to the pool's schema and the client's WriteAttributes (attributes.ts) and
 * kept; the email is the username's, so an `email` among them is not read.
 */
export const signUp =
  (context: Dependencies): Operation<SignUpRequest, SignUpResponse> =>
  async (request) => {
    const client = findClient(context.settings, requiredString(request, 'ClientId'));
    const clientId = client.clientId;
    const email = requiredString(request, 'Username');
    const password = requiredString(request, 'Password');
    const userAttributes = attributeListOf(request.UserAttributes);
    if (!isEmail(email)) throw errors.usernameNotEmail();
    assertWritable(context.settings, client, userAttributes, { operation: 'SignUp' });
    assertPasswordConforms(password, context.settings.passwordPolicy);
    if (context.state.findUser(email)) throw errors.emailExists();

    const sub = randomUUID();
    const attributes = withAttributes(undefined, userAttributes);
    // Before the user exists: a trigger that refuses leaves nothing behind (triggers.ts).
    const decided = await preSignUp(context, {
      userName: sub,
      clientId,
      email,
      attributes,
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
    if (Object.keys(attributes).length > 0) base.attributes = attributes;
    // autoConfirmUser: confirmed at once, and no code is sent (Developer Guide, "Pre sign-up Lambda trigger").
    if (decided.autoConfirmUser) {
      await context.journal.commit({ type: 'user', user: { ...base, status: 'CONFIRMED' } });
      return { UserConfirmed: true, UserSub: sub };
    }
    const signUpCode = issueCode(now);
    await deliverCode(context, { ...base, signUpCode }, 'sign-up', signUpCode);
    return { UserConfirmed: false, UserSub: sub, CodeDeliveryDetails: codeDeliveryDetails(email) };
  };
