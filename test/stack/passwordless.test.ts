import type { Template } from 'aws-cdk-lib/assertions';
import { readPool } from '../../local/stack-model/pool';
import { TemplateResources } from '../../local/stack-model/template';
import { synthError, synthTemplate } from '../support/synth';

type Properties = Record<string, any>;

function only(template: Template, type: string): Properties {
  const found = Object.values(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0].Properties;
}

const both = { passwordless: 'passkey,email-otp', emailFrom: 'no-reply@example.com', passkeyRelyingPartyId: 'app.example.com' };

describe('-c passwordless', () => {
  test('off by default: a password-only pool and client, as before', () => {
    const pool = only(synthTemplate(), 'AWS::Cognito::UserPool');
    expect(pool.Policies.SignInPolicy).toBeUndefined();
    expect(pool.WebAuthnRelyingPartyID).toBeUndefined();
    expect(pool.EmailConfiguration?.EmailSendingAccount).not.toBe('DEVELOPER');
  });

  test('passkey: Essentials even without rotation, WEB_AUTHN beside the password, user verification required, USER_AUTH', () => {
    const template = synthTemplate({ passwordless: 'passkey', refreshTokenRotation: 'false' });
    const pool = only(template, 'AWS::Cognito::UserPool');
    expect(pool).toMatchObject({
      UserPoolTier: 'ESSENTIALS',
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } },
      WebAuthnRelyingPartyID: 'localhost',
      WebAuthnUserVerification: 'required',
    });
    expect(only(template, 'AWS::Cognito::UserPoolClient').ExplicitAuthFlows).toContain('ALLOW_USER_AUTH');
  });

  test('passkey and email-otp: both factors, the relying party given, and the pool mailing through SES', () => {
    const pool = only(synthTemplate(both), 'AWS::Cognito::UserPool');
    expect(pool.Policies.SignInPolicy.AllowedFirstAuthFactors).toEqual(['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN']);
    expect(pool.WebAuthnRelyingPartyID).toBe('app.example.com');
    expect(pool.EmailConfiguration).toMatchObject({ EmailSendingAccount: 'DEVELOPER', From: 'no-reply@example.com' });
  });

  test('local mode reads the factors, the relying party and user verification from the template', () => {
    const resources = new TemplateResources(synthTemplate(both).toJSON().Resources);
    const pool = readPool(resources, 'eu-west-1', {});
    expect(pool).toMatchObject({
      allowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'],
      webAuthnRelyingPartyId: 'app.example.com',
      webAuthnUserVerification: 'required',
    });
  });

  test('refuses passwordless with mfa=required, in one line naming both', () => {
    expect(synthError({ passwordless: 'passkey', mfa: 'required' })).toMatch(
      /Context key passwordless=passkey conflicts with mfa=required: Cognito offers no passwordless sign-in where every user must give a second factor/,
    );
  });

  test('refuses email-otp without an SES sender', () => {
    expect(synthError({ passwordless: 'email-otp' })).toMatch(
      /Context key passwordless=email-otp needs emailFrom: Cognito emails sign-in codes only through Amazon SES/,
    );
  });
});
