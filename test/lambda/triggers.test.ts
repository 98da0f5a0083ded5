import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import type { PostConfirmationTriggerEvent, PreSignUpTriggerEvent, PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { handler as postConfirmation } from '../../lambda/triggers/post-confirmation';
import { handler as preSignUp, refusal } from '../../lambda/triggers/pre-sign-up';
import { handler as preTokenGeneration } from '../../lambda/triggers/pre-token-generation';

// The trigger handlers with the events Cognito sends them (Developer Guide, each trigger's page);
// local/cognito-twin/triggers.ts sends the same shapes in local mode.

const cognito = mockClient(CognitoIdentityProviderClient);
beforeEach(() => {
  cognito.reset();
  jest.spyOn(console, 'info').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const common = (triggerSource: string, version = '1') => ({
  version,
  triggerSource,
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_Pool12345',
  userName: '7f3c3c8e-0000-4000-8000-000000000001',
  callerContext: { awsSdkVersion: 'aws-sdk-js-3.0.0', clientId: 'client-123' },
});

describe('pre sign-up: the email-domain allow-list', () => {
  const event = (email: string) =>
    ({
      ...common('PreSignUp_SignUp'),
      request: { userAttributes: { email }, validationData: null },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    }) as unknown as PreSignUpTriggerEvent;
  beforeEach(() => {
    process.env.ALLOWED_EMAIL_DOMAINS = 'example.com,example.org';
  });

  test('an allowed domain, in any case, returns the event unchanged: Cognito goes on as without the trigger', async () => {
    const allowed = event('Ada@EXAMPLE.org');
    expect(await preSignUp(allowed)).toEqual(event('Ada@EXAMPLE.org'));
  });

  test('any other domain throws a message for the person signing up, naming the domains', async () => {
    await expect(preSignUp(event('eve@example.com.evil.test'))).rejects.toThrow(
      'Sign-up is limited to example.com and example.org addresses.',
    );
    await expect(preSignUp(event('eve@sub.example.com'))).rejects.toThrow(/^Sign-up is limited/);
  });

  test('the message lists one, two or more domains as a sentence', () => {
    expect(refusal(['a.com'])).toBe('Sign-up is limited to a.com addresses.');
    expect(refusal(['a.com', 'b.com', 'c.com'])).toBe('Sign-up is limited to a.com, b.com and c.com addresses.');
  });
});

describe('post confirmation: the default group', () => {
  const event = (triggerSource: string) =>
    ({
      ...common(triggerSource),
      request: { userAttributes: { sub: 'sub-1', email: 'ada@example.com', 'cognito:user_status': 'CONFIRMED' } },
      response: {},
    }) as unknown as PostConfirmationTriggerEvent;
  beforeEach(() => {
    process.env.DEFAULT_GROUP = 'editor';
  });

  test('PostConfirmation_ConfirmSignUp adds the new user to the group, by pool and user name', async () => {
    cognito.on(AdminAddUserToGroupCommand).resolves({});
    expect(await postConfirmation(event('PostConfirmation_ConfirmSignUp'))).toEqual(event('PostConfirmation_ConfirmSignUp'));
    expect(cognito).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, {
      UserPoolId: 'eu-west-1_Pool12345',
      Username: '7f3c3c8e-0000-4000-8000-000000000001',
      GroupName: 'editor',
    });
  });

  test('PostConfirmation_ConfirmForgotPassword, a reset and not a new user, changes nothing', async () => {
    await postConfirmation(event('PostConfirmation_ConfirmForgotPassword'));
    expect(cognito).not.toHaveReceivedCommand(AdminAddUserToGroupCommand);
  });

  test('a failed AdminAddUserToGroup fails the trigger, so Cognito reports it', async () => {
    cognito.on(AdminAddUserToGroupCommand).rejects(new Error('AccessDeniedException'));
    await expect(postConfirmation(event('PostConfirmation_ConfirmSignUp'))).rejects.toThrow('AccessDeniedException');
  });
});

describe('pre token generation: the roles claim', () => {
  const event = (version: string, groups: string[]) =>
    ({
      ...common('TokenGeneration_Authentication', version === 'V2_0' ? '2' : '1'),
      request: {
        userAttributes: { sub: 'sub-1', email: 'ada@example.com' },
        groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [], preferredRole: null },
        ...(version === 'V2_0' ? { scopes: ['aws.cognito.signin.user.admin'] } : {}),
      },
      response: version === 'V2_0' ? { claimsAndScopeOverrideDetails: null } : { claimsOverrideDetails: null },
    }) as unknown as PreTokenGenerationTriggerEvent;

  test('V1_0: roles in the id token, as a string (V1_0 claim values are strings)', async () => {
    process.env.TOKEN_EVENT_VERSION = 'V1_0';
    const { response } = await preTokenGeneration(event('V1_0', ['admin', 'editor']));
    expect(response).toEqual({ claimsOverrideDetails: { claimsToAddOrOverride: { roles: 'admin,editor' } } });
  });

  test('V2_0: roles as an array in both tokens, and a group/<name> scope per group in the access token', async () => {
    process.env.TOKEN_EVENT_VERSION = 'V2_0';
    const { response } = await preTokenGeneration(event('V2_0', ['editor']));
    expect(response).toEqual({
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { roles: ['editor'] } },
        accessTokenGeneration: { claimsToAddOrOverride: { roles: ['editor'] }, scopesToAdd: ['group/editor'] },
      },
    });
  });

  test('a user of no group gets an empty roles claim, and no scope', async () => {
    process.env.TOKEN_EVENT_VERSION = 'V2_0';
    const { response } = await preTokenGeneration(event('V2_0', []));
    expect(response).toMatchObject({
      claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { roles: [] }, scopesToAdd: [] } },
    });
  });
});
