import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FLAVORS } from '../../support/flavors';
import { type LocalClient, PASSWORD } from '../../support/local-mode';
import { bootFlavor } from './mfa-local-mode';

/**
 * A second client nobody here wrote: boto3 (botocore parses every answer against AWS's own service
 * model, so a member of the wrong type or name fails here even where the JavaScript SDK is lenient).
 * boto3 is on these machines (../shared/TOOLCHAIN.md); elsewhere `pip install boto3`.
 */
const SCRIPT = `
import json, os, sys, urllib.request
import boto3, botocore

env = os.environ
cognito = boto3.client('cognito-idp', endpoint_url=env['COGNITO_URL'], region_name=env['REGION'],
                       aws_access_key_id='local', aws_secret_access_key='local')
client_id = env['CLIENT_ID']

def error_of(call):
    try:
        call()
        return None
    except botocore.exceptions.ClientError as error:
        return error.response['Error']['Code']

signed_in = cognito.initiate_auth(ClientId=client_id, AuthFlow='USER_PASSWORD_AUTH',
                                  AuthParameters={'USERNAME': env['EMAIL'], 'PASSWORD': env['PASSWORD']})['AuthenticationResult']
renewed = cognito.get_tokens_from_refresh_token(ClientId=client_id, RefreshToken=signed_in['RefreshToken'])['AuthenticationResult']
urllib.request.urlopen(urllib.request.Request(env['COGNITO_URL'] + '/_local/clock', method='POST',
                       data=json.dumps({'advanceSeconds': 61}).encode(), headers={'content-type': 'application/json'}))
reused = error_of(lambda: cognito.get_tokens_from_refresh_token(ClientId=client_id, RefreshToken=signed_in['RefreshToken']))
again = cognito.get_tokens_from_refresh_token(ClientId=client_id, RefreshToken=renewed['RefreshToken'])['AuthenticationResult']
user = cognito.get_user(AccessToken=again['AccessToken'])
cognito.revoke_token(ClientId=client_id, Token=again['RefreshToken'])
revoked = error_of(lambda: cognito.get_tokens_from_refresh_token(ClientId=client_id, RefreshToken=again['RefreshToken']))
print(json.dumps({
  'renewedKeys': sorted(renewed.keys()),
  'rotated': renewed['RefreshToken'] != signed_in['RefreshToken'],
  'reused': reused,
  'againRotated': again['RefreshToken'] != renewed['RefreshToken'],
  'username': user['Username'],
  'revoked': revoked,
}))
`;

// Both API flavors (docs/http-api.md): boto3 talks to the twin only, which reads the same pool from either template.
describe.each(FLAVORS)('%s API', (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootFlavor(flavor);
  }, 120_000);
  afterAll(() => client?.close());

  test('boto3 refreshes through GetTokensFromRefreshToken with rotation, sees the reuse refused, and revokes', async () => {
    const email = 'boto3@example.com';
    await client.signUp(email);
    // Not spawnSync: local mode runs in this process and must answer while python waits.
    const run = await promisify(execFile)('python3', ['-c', SCRIPT], {
      env: {
        ...process.env,
        COGNITO_URL: client.local.cognitoUrl,
        REGION: client.local.region,
        CLIENT_ID: client.local.userPoolClientId,
        EMAIL: email,
        PASSWORD,
      },
    });
    expect(JSON.parse(run.stdout)).toEqual({
      renewedKeys: ['AccessToken', 'ExpiresIn', 'IdToken', 'RefreshToken', 'TokenType'],
      rotated: true,
      reused: 'RefreshTokenReuseException',
      againRotated: true,
      username: expect.any(String),
      revoked: 'NotAuthorizedException',
    });
  });
});
