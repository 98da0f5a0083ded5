import { AdminCreateUserCommand, SignUpCommand, type SignUpCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import type { MailboxEntry } from '../../../local/cognito-twin';
import { CLIENT, POOL_ID } from './pool-fixture';
import { failureOf, PASSWORD, startTwin, type TwinUnderTest } from './twin-harness';

let env: TwinUnderTest;
beforeEach(async () => {
  env = await startTwin();
});
afterEach(() => env.dispose());

const post = (body: string, target = 'AWSCognitoIdentityProviderService.SignUp') =>
  fetch(env.twin.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body,
  });

describe('AWS JSON 1.1 protocol', () => {
  it('answers an operation it does not implement with UnknownOperationException naming the operation', async () => {
    const failure = await failureOf(
      env.cognito.send(new AdminCreateUserCommand({ UserPoolId: POOL_ID, Username: 'a@example.com' })),
    );
    expect(failure.name).toBe('UnknownOperationException');
    expect(failure.message).toMatch(/^UserPoolTwin does not implement AdminCreateUser; it implements SignUp, /);
  });

  it('answers malformed JSON with 400 InvalidParameterException in the body and in the x-amzn-Error headers', async () => {
    const response = await post('{"ClientId": ');
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidParameterException:');
    expect(response.headers.get('x-amzn-errormessage')).toBe('The request body is not a JSON object');
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await response.json()).toEqual({
      __type: 'InvalidParameterException',
      message: 'The request body is not a JSON object',
    });
  });

  it('answers a missing required field with InvalidParameterException naming the field as Cognito does', async () => {
    const input = { ClientId: CLIENT, Username: 'a@example.com' } as SignUpCommandInput;
    expect(await failureOf(env.cognito.send(new SignUpCommand(input)))).toEqual({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null",
    });
  });

  it('answers an unknown ClientId with ResourceNotFoundException', async () => {
    const failure = await failureOf(
      env.cognito.send(new SignUpCommand({ ClientId: 'nosuchclient', Username: 'a@example.com', Password: PASSWORD })),
    );
    expect(failure).toEqual({ name: 'ResourceNotFoundException', message: 'User pool client nosuchclient does not exist.' });
  });

  it('answers other paths with 404', async () => {
    const response = await fetch(`${env.twin.url}/nothing-here`);
    expect(response.status).toBe(404);
  });
});

describe('CORS', () => {
  const ORIGIN = 'https://app.example.com';

  it('answers a preflight of the Cognito protocol so a browser SDK can call it from any page', async () => {
    const preflight = await fetch(env.twin.url, {
      method: 'OPTIONS',
      headers: {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-amz-target,x-amz-user-agent',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type,x-amz-target,x-amz-user-agent');
  });

  it('lets a page read the answer and its error headers', async () => {
    const response = await fetch(env.twin.url, {
      method: 'POST',
      headers: {
        Origin: ORIGIN,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp',
      },
      body: '{}',
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-amzn-ErrorType');
  });

  it('never lets another origin read the mailbox: no preflight, no Access-Control-Allow-Origin', async () => {
    await env.cognito.send(new SignUpCommand({ ClientId: CLIENT, Username: 'ann@example.com', Password: PASSWORD }));
    const read = await fetch(`${env.twin.url}/_local/mailbox`, { headers: { Origin: ORIGIN } });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${env.twin.url}/_local/mailbox`, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(404);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('local mailbox', () => {
  it('lists every mailed code as JSON, newest last, filtered case-insensitively by ?to=', async () => {
    await env.cognito.send(new SignUpCommand({ ClientId: CLIENT, Username: 'Ann@Example.com', Password: PASSWORD }));
    await env.cognito.send(new SignUpCommand({ ClientId: CLIENT, Username: 'bob@example.com', Password: PASSWORD }));

    const all = (await (await fetch(`${env.twin.url}/_local/mailbox`)).json()) as MailboxEntry[];
    expect(all.map((mail) => mail.to)).toEqual(['Ann@Example.com', 'bob@example.com']);
    const ann = await (await fetch(`${env.twin.url}/_local/mailbox?to=ann@example.COM`)).json();
    expect(ann).toEqual([
      {
        to: 'Ann@Example.com',
        kind: 'sign-up',
        code: expect.stringMatching(/^\d{6}$/),
        sentAt: '2030-01-01T00:00:00.000Z',
        subject: expect.stringMatching(/^Test pool: code \d{6}$/),
        body: expect.stringContaining('<b>'),
      },
    ]);
  });

  it('prints each mail as one readable line with the recipient and the code', async () => {
    await env.cognito.send(new SignUpCommand({ ClientId: CLIENT, Username: 'ann@example.com', Password: PASSWORD }));
    const [mail] = env.twin.mailbox();
    expect(env.logged).toContain(
      `[cognito-twin] mail to ann@example.com (sign-up): code ${mail.code}, subject "Test pool: code ${mail.code}"`,
    );
  });
});
