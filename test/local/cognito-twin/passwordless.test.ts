import {
  CompleteWebAuthnRegistrationCommand,
  DeleteWebAuthnCredentialCommand,
  InitiateAuthCommand,
  ListWebAuthnCredentialsCommand,
  RespondToAuthChallengeCommand,
  StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { PoolSettings } from '../../../local/cognito-twin';
import { SoftwareAuthenticator } from '../../support/software-authenticator';
import { CLIENT, USER_AUTH_CLIENT } from './pool-fixture';
import {
  failureOf,
  latestCode,
  PASSWORD,
  signInWithPassword,
  signUpConfirmed,
  startTwin,
  type TwinUnderTest,
} from './twin-harness';

const ORIGIN = 'http://localhost:3000';
/** The pool -c passwordless=passkey,email-otp deploys: both factors beside the password, passkeys bound to localhost. */
const passwordless: Partial<PoolSettings> = {
  allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'],
  webAuthnRelyingPartyId: 'localhost',
  webAuthnUserVerification: 'preferred',
};

let env: TwinUnderTest;
afterEach(() => env?.dispose());

async function accessTokenOf(email: string, clientId = USER_AUTH_CLIENT): Promise<string> {
  return (await signInWithPassword(env, email, clientId)).AccessToken as string;
}

async function registerPasskey(email: string, authenticator: SoftwareAuthenticator): Promise<string> {
  const AccessToken = await accessTokenOf(email);
  const { CredentialCreationOptions } = await env.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken }));
  const credential = authenticator.create(CredentialCreationOptions as unknown as PublicKeyCredentialCreationOptionsJSON);
  await env.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: credential as never }));
  return credential.id;
}

function startUserAuth(email: string, preferred?: string) {
  return env.cognito.send(
    new InitiateAuthCommand({
      ClientId: USER_AUTH_CLIENT,
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: email, ...(preferred && { PREFERRED_CHALLENGE: preferred }) },
    }),
  );
}

async function passkeyChallenge(email: string): Promise<{ session: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const answer = await startUserAuth(email, 'WEB_AUTHN');
  expect(answer.ChallengeName).toBe('WEB_AUTHN');
  return {
    session: answer.Session as string,
    options: JSON.parse(answer.ChallengeParameters?.CREDENTIAL_REQUEST_OPTIONS as string),
  };
}

function answerPasskey(email: string, session: string, credential: object) {
  return env.cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: USER_AUTH_CLIENT,
      ChallengeName: 'WEB_AUTHN',
      Session: session,
      ChallengeResponses: { USERNAME: email, CREDENTIAL: JSON.stringify(credential) },
    }),
  );
}

function answerEmailCode(email: string, session: string, code: string) {
  return env.cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: USER_AUTH_CLIENT,
      ChallengeName: 'EMAIL_OTP',
      Session: session,
      ChallengeResponses: { USERNAME: email, EMAIL_OTP_CODE: code },
    }),
  );
}

describe('passkeys: registration (StartWebAuthnRegistration, CompleteWebAuthnRegistration)', () => {
  beforeEach(async () => {
    env = await startTwin({ settings: passwordless });
  });

  test('the creation options name the relying party and the user, and a registered passkey is listed', async () => {
    await signUpConfirmed(env, 'ann@example.org');
    const AccessToken = await accessTokenOf('ann@example.org');
    const { CredentialCreationOptions } = await env.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken }));
    const options = CredentialCreationOptions as unknown as PublicKeyCredentialCreationOptionsJSON;
    expect(options.rp.id).toBe('localhost');
    expect(options.user.name).toBe('ann@example.org');
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'preferred' });
    const credential = new SoftwareAuthenticator({ origin: ORIGIN }).create(options);
    await env.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: credential as never }));

    const { Credentials } = await env.cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken }));
    expect(Credentials).toEqual([
      expect.objectContaining({
        CredentialId: credential.id,
        RelyingPartyId: 'localhost',
        AuthenticatorAttachment: 'platform',
        AuthenticatorTransports: ['internal'],
        CreatedAt: new Date(env.clock.now()),
      }),
    ]);
  });

  test('a second registration excludes the passkeys the user has', async () => {
    await signUpConfirmed(env, 'ann@example.org');
    const id = await registerPasskey('ann@example.org', new SoftwareAuthenticator({ origin: ORIGIN }));
    const AccessToken = await accessTokenOf('ann@example.org');
    const { CredentialCreationOptions } = await env.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken }));
    expect((CredentialCreationOptions as unknown as PublicKeyCredentialCreationOptionsJSON).excludeCredentials).toEqual([
      expect.objectContaining({ id }),
    ]);
  });

  test.each([
    ['an origin outside the relying party', { origin: 'https://evil.example' }, 'WebAuthnOriginNotAllowedException'],
    ['a credential made for another relying party', { rpId: 'evil.example' }, 'WebAuthnRelyingPartyMismatchException'],
    ['an answer to another challenge', { challenge: 'b3RoZXItY2hhbGxlbmdl' }, 'WebAuthnChallengeNotFoundException'],
  ])('refuses %s', async (_, bend, exception) => {
    await signUpConfirmed(env, 'ann@example.org');
    const AccessToken = await accessTokenOf('ann@example.org');
    const { CredentialCreationOptions } = await env.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken }));
    const credential = new SoftwareAuthenticator({ origin: ORIGIN }).create(
      CredentialCreationOptions as unknown as PublicKeyCredentialCreationOptionsJSON,
      bend,
    );
    const failure = await failureOf(
      env.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: credential as never })),
    );
    expect(failure.name).toBe(exception);
    const { Credentials } = await env.cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken }));
    expect(Credentials).toEqual([]);
  });

  test('a registration response is used once: the same response again finds no challenge', async () => {
    await signUpConfirmed(env, 'ann@example.org');
    const AccessToken = await accessTokenOf('ann@example.org');
    const { CredentialCreationOptions } = await env.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken }));
    const credential = new SoftwareAuthenticator({ origin: ORIGIN }).create(
      CredentialCreationOptions as unknown as PublicKeyCredentialCreationOptionsJSON,
    );
    await env.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: credential as never }));
    const again = await failureOf(
      env.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: credential as never })),
    );
    expect(again.name).toBe('WebAuthnChallengeNotFoundException');
  });

  test('a registration started with one app client cannot be completed with a token of another', async () => {
    await signUpConfirmed(env, 'ann@example.org');
    const started = await accessTokenOf('ann@example.org');
    const { CredentialCreationOptions } = await env.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken: started }));
    const credential = new SoftwareAuthenticator({ origin: ORIGIN }).create(
      CredentialCreationOptions as unknown as PublicKeyCredentialCreationOptionsJSON,
    );
    const other = await accessTokenOf('ann@example.org', CLIENT);
    const failure = await failureOf(
      env.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken: other, Credential: credential as never })),
    );
    expect(failure.name).toBe('WebAuthnClientMismatchException');
  });

  test('with user verification required, an authenticator that did not verify the user is refused', async () => {
    await env.dispose();
    env = await startTwin({ settings: { ...passwordless, webAuthnUserVerification: 'required' } });
    await signUpConfirmed(env, 'ann@example.org');
    const AccessToken = await accessTokenOf('ann@example.org');
    const { CredentialCreationOptions } = await env.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken }));
    const credential = new SoftwareAuthenticator({ origin: ORIGIN }).create(
      CredentialCreationOptions as unknown as PublicKeyCredentialCreationOptionsJSON,
      { userVerified: false },
    );
    const failure = await failureOf(
      env.cognito.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: credential as never })),
    );
    expect(failure.name).toBe('WebAuthnCredentialNotSupportedException');
  });

  test('a pool without WEB_AUTHN among its first factors refuses to register a passkey', async () => {
    await env.dispose();
    env = await startTwin({ settings: { ...passwordless, allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } });
    await signUpConfirmed(env, 'ann@example.org');
    const AccessToken = await accessTokenOf('ann@example.org');
    const failure = await failureOf(env.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken })));
    expect(failure.name).toBe('WebAuthnNotEnabledException');
  });

  test('a pool without a relying party id answers WebAuthnConfigurationMissingException', async () => {
    await env.dispose();
    env = await startTwin({ settings: { ...passwordless, webAuthnRelyingPartyId: undefined } });
    await signUpConfirmed(env, 'ann@example.org');
    const AccessToken = await accessTokenOf('ann@example.org');
    const failure = await failureOf(env.cognito.send(new StartWebAuthnRegistrationCommand({ AccessToken })));
    expect(failure.name).toBe('WebAuthnConfigurationMissingException');
  });
});

describe('passkeys: sign-in (USER_AUTH, WEB_AUTHN)', () => {
  let authenticator: SoftwareAuthenticator;
  beforeEach(async () => {
    env = await startTwin({ settings: passwordless });
    authenticator = new SoftwareAuthenticator({ origin: ORIGIN });
    await signUpConfirmed(env, 'ann@example.org');
  });

  test('a registered passkey signs the user in, and the signature counter moves on', async () => {
    const id = await registerPasskey('ann@example.org', authenticator);
    const { session, options } = await passkeyChallenge('ann@example.org');
    expect(options.rpId).toBe('localhost');
    expect(options.allowCredentials).toEqual([expect.objectContaining({ id })]);
    const { AuthenticationResult } = await answerPasskey('ann@example.org', session, authenticator.get(options));
    expect(AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    expect(AuthenticationResult?.RefreshToken).toEqual(expect.any(String));

    // An authenticator whose counter went backwards is a cloned one (WebAuthn Level 3, 6.1.1): refused.
    const next = await passkeyChallenge('ann@example.org');
    const cloned = await failureOf(
      answerPasskey('ann@example.org', next.session, authenticator.get(next.options, { counter: 1 })),
    );
    expect(cloned).toEqual({ name: 'NotAuthorizedException', message: 'The passkey could not be verified.' });
  });

  test('a WEB_AUTHN session answers once: a replayed assertion is refused on its session and on a new one', async () => {
    await registerPasskey('ann@example.org', authenticator);
    const { session, options } = await passkeyChallenge('ann@example.org');
    const assertion = authenticator.get(options);
    await answerPasskey('ann@example.org', session, assertion);
    expect(await failureOf(answerPasskey('ann@example.org', session, assertion))).toEqual({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
    const fresh = await passkeyChallenge('ann@example.org');
    expect((await failureOf(answerPasskey('ann@example.org', fresh.session, assertion))).name).toBe('NotAuthorizedException');
  });

  test('an assertion from another origin, or for another relying party, is refused', async () => {
    await registerPasskey('ann@example.org', authenticator);
    const first = await passkeyChallenge('ann@example.org');
    const elsewhere = authenticator.get(first.options, { origin: 'https://evil.example' });
    expect((await failureOf(answerPasskey('ann@example.org', first.session, elsewhere))).name).toBe(
      'WebAuthnOriginNotAllowedException',
    );
    const second = await passkeyChallenge('ann@example.org');
    const otherParty = authenticator.get(second.options, { rpId: 'evil.example' });
    expect((await failureOf(answerPasskey('ann@example.org', second.session, otherParty))).name).toBe(
      'WebAuthnRelyingPartyMismatchException',
    );
  });

  test("another user's passkey does not sign this user in", async () => {
    await registerPasskey('ann@example.org', authenticator);
    await signUpConfirmed(env, 'bob@example.org');
    const bobs = new SoftwareAuthenticator({ origin: ORIGIN });
    const bobsId = await registerPasskey('bob@example.org', bobs);
    const { session, options } = await passkeyChallenge('ann@example.org');
    const failure = await failureOf(answerPasskey('ann@example.org', session, bobs.get(options, { credentialId: bobsId })));
    expect(failure).toEqual({ name: 'NotAuthorizedException', message: 'The passkey could not be verified.' });
  });

  test('passkeys are durable: after a restart the passkey still signs in', async () => {
    await registerPasskey('ann@example.org', authenticator);
    await env.stop();
    env = await startTwin({ settings: passwordless, stateDir: env.stateDir, clock: env.clock });
    const { session, options } = await passkeyChallenge('ann@example.org');
    const { AuthenticationResult } = await answerPasskey('ann@example.org', session, authenticator.get(options));
    expect(AuthenticationResult?.IdToken).toEqual(expect.any(String));
  });

  test('a challenge lives in memory: a restart ends a passkey sign-in in progress', async () => {
    await registerPasskey('ann@example.org', authenticator);
    const { session, options } = await passkeyChallenge('ann@example.org');
    await env.stop();
    env = await startTwin({ settings: passwordless, stateDir: env.stateDir, clock: env.clock });
    expect((await failureOf(answerPasskey('ann@example.org', session, authenticator.get(options)))).message).toBe(
      'Invalid session for the user.',
    );
  });

  test('a removed passkey no longer signs in, and WEB_AUTHN is no longer offered', async () => {
    const id = await registerPasskey('ann@example.org', authenticator);
    const { session, options } = await passkeyChallenge('ann@example.org');
    const AccessToken = await accessTokenOf('ann@example.org');
    await env.cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken, CredentialId: id }));
    expect((await env.cognito.send(new ListWebAuthnCredentialsCommand({ AccessToken }))).Credentials).toEqual([]);
    expect((await failureOf(answerPasskey('ann@example.org', session, authenticator.get(options)))).name).toBe(
      'NotAuthorizedException',
    );
    const again = await startUserAuth('ann@example.org', 'WEB_AUTHN');
    expect(again).toMatchObject({ ChallengeName: 'SELECT_CHALLENGE', AvailableChallenges: ['PASSWORD', 'EMAIL_OTP'] });
  });

  test("a user cannot delete another user's passkey", async () => {
    const id = await registerPasskey('ann@example.org', authenticator);
    await signUpConfirmed(env, 'bob@example.org');
    const bobsToken = await accessTokenOf('bob@example.org');
    const failure = await failureOf(
      env.cognito.send(new DeleteWebAuthnCredentialCommand({ AccessToken: bobsToken, CredentialId: id })),
    );
    expect(failure.name).toBe('ResourceNotFoundException');
  });

  test('the WEB_AUTHN session expires with the app client AuthSessionValidity', async () => {
    await registerPasskey('ann@example.org', authenticator);
    const { session, options } = await passkeyChallenge('ann@example.org');
    env.clock.advance(3 * 60 * 1000);
    const failure = await failureOf(answerPasskey('ann@example.org', session, authenticator.get(options)));
    expect(failure).toEqual({ name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
  });
});

describe('choice-based sign-in (SELECT_CHALLENGE) and emailed codes (EMAIL_OTP)', () => {
  beforeEach(async () => {
    env = await startTwin({ settings: passwordless, attemptLimits: { codeRequestsPerWindow: 3, wrongCodesPerWindow: 3 } });
    await signUpConfirmed(env, 'ann@example.org');
  });

  test('without a preference the answer lists the challenges available to the user', async () => {
    const answer = await startUserAuth('ann@example.org');
    expect(answer).toMatchObject({ ChallengeName: 'SELECT_CHALLENGE', AvailableChallenges: ['PASSWORD', 'EMAIL_OTP'] });
    const { AuthenticationResult } = await env.cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: USER_AUTH_CLIENT,
        ChallengeName: 'SELECT_CHALLENGE',
        Session: answer.Session,
        ChallengeResponses: { USERNAME: 'ann@example.org', ANSWER: 'PASSWORD', PASSWORD },
      }),
    );
    expect(AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  test('an emailed code signs the user in once', async () => {
    const answer = await startUserAuth('ann@example.org', 'EMAIL_OTP');
    expect(answer).toMatchObject({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'a***@e***.org' },
    });
    const code = latestCode(env.twin, 'ann@example.org', 'sign-in');
    const { AuthenticationResult } = await answerEmailCode('ann@example.org', answer.Session as string, code);
    expect(AuthenticationResult?.RefreshToken).toEqual(expect.any(String));
    expect((await failureOf(answerEmailCode('ann@example.org', answer.Session as string, code))).message).toBe(
      'Invalid session for the user.',
    );
  });

  test('a wrong code is CodeMismatchException and leaves the session open; past the limit even the right one is refused', async () => {
    const answer = await startUserAuth('ann@example.org', 'EMAIL_OTP');
    const session = answer.Session as string;
    const code = latestCode(env.twin, 'ann@example.org', 'sign-in');
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await failureOf(answerEmailCode('ann@example.org', session, wrong))).name).toBe('CodeMismatchException');
    await failureOf(answerEmailCode('ann@example.org', session, wrong));
    await failureOf(answerEmailCode('ann@example.org', session, wrong));
    expect((await failureOf(answerEmailCode('ann@example.org', session, code))).name).toBe('LimitExceededException');
  });

  test('an unknown email answers as a known one without a passkey, and no code it is given matches', async () => {
    const known = await startUserAuth('ann@example.org');
    const unknown = await startUserAuth('nobody@example.org');
    expect(unknown.AvailableChallenges).toEqual(known.AvailableChallenges);
    const mails = env.twin.mailbox().length;
    const answer = await startUserAuth('nobody@example.org', 'EMAIL_OTP');
    expect(answer).toMatchObject({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'n***@e***.org' },
    });
    expect(env.twin.mailbox()).toHaveLength(mails);
    expect((await failureOf(answerEmailCode('nobody@example.org', answer.Session as string, '123456'))).name).toBe(
      'CodeMismatchException',
    );
  });

  test('codes may be requested a limited number of times, for known and unknown emails alike', async () => {
    for (const email of ['ann@example.org', 'nobody@example.org']) {
      for (let i = 0; i < 3; i++) await startUserAuth(email, 'EMAIL_OTP');
      expect((await failureOf(startUserAuth(email, 'EMAIL_OTP'))).name).toBe('LimitExceededException');
    }
  });

  test('a client without ALLOW_USER_AUTH refuses the flow', async () => {
    const failure = await failureOf(
      env.cognito.send(
        new InitiateAuthCommand({ ClientId: CLIENT, AuthFlow: 'USER_AUTH', AuthParameters: { USERNAME: 'ann@example.org' } }),
      ),
    );
    expect(failure).toEqual({ name: 'InvalidParameterException', message: 'USER_AUTH flow not enabled for this client' });
  });

  test('a pool that allows only passwords offers PASSWORD alone', async () => {
    await env.dispose();
    env = await startTwin({ settings: { ...passwordless, allowedFirstAuthFactors: ['PASSWORD'] } });
    await signUpConfirmed(env, 'ann@example.org');
    expect(await startUserAuth('ann@example.org', 'EMAIL_OTP')).toMatchObject({
      ChallengeName: 'SELECT_CHALLENGE',
      AvailableChallenges: ['PASSWORD'],
    });
  });
});
