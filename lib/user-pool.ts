import { type Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface AuthUserPoolProps {
  /** Minimum password length; no composition rules (NIST SP 800-63B §3.1.1.2). */
  readonly passwordMinLength: number;
  /** Id and access token lifetime. */
  readonly tokenValidity: Duration;
  /** Refresh token lifetime. */
  readonly refreshTokenValidity: Duration;
  /** Refuse to delete the pool, even from the console. @default false */
  readonly deletionProtection?: boolean;
  /** Cognito threat protection, enforced (Plus feature plan). @default false */
  readonly threatProtection?: boolean;
  /** Optional TOTP second factor. @default false */
  readonly mfa?: boolean;
}

/** A user pool where people sign up with their email and a password, and the one app client the API uses. */
export class AuthUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: AuthUserPoolProps) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // An email change takes effect only once the new address is verified, so a stolen session
      // cannot move the account to an attacker's mailbox and reset the password from there.
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      userVerification: {
        emailStyle: cognito.VerificationEmailStyle.CODE,
        emailSubject: 'Your verification code',
        emailBody: 'Your verification code is {####}. It is valid for 24 hours.',
      },
      passwordPolicy: {
        minLength: props.passwordMinLength,
        requireLowercase: false,
        requireUppercase: false,
        requireDigits: false,
        requireSymbols: false,
      },
      // Lite covers everything this API uses (email sign-up, USER_PASSWORD_AUTH, refresh,
      // revocation) at the lowest price per monthly active user; threat protection needs Plus.
      featurePlan: props.threatProtection ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.LITE,
      standardThreatProtectionMode: props.threatProtection ? cognito.StandardThreatProtectionMode.FULL_FUNCTION : undefined,
      mfa: props.mfa ? cognito.Mfa.OPTIONAL : cognito.Mfa.OFF,
      mfaSecondFactor: props.mfa ? { otp: true, sms: false } : undefined,
      deletionProtection: props.deletionProtection ?? false,
      // Users are data: `cdk destroy` leaves the pool behind rather than deleting every account.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.userPool.addClient('AppClient', {
      // A public client (browser, mobile, curl) cannot keep a secret, so it has none.
      generateSecret: false,
      // Only the password flow the API calls; CDK adds ALLOW_REFRESH_TOKEN_AUTH with it.
      authFlows: { userPassword: true },
      // No hosted UI or OAuth redirects: the REST API is the only way in.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: props.tokenValidity,
      accessTokenValidity: props.tokenValidity,
      refreshTokenValidity: props.refreshTokenValidity,
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, emailVerified: true }),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
    });

    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG1',
      reason:
        'Length over composition: NIST SP 800-63B §3.1.1.2 and OWASP ASVS 5 V6.2.5 say not to impose character-class rules; the minimum length is configurable (passwordMinLength)',
    });
    if (!props.threatProtection) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG8',
        reason:
          'The Plus feature plan (threat protection) is a per-user cost; it is one context flag away: -c threatProtection=true',
      });
    }
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: props.mfa
        ? 'MFA is offered (TOTP, optional), not required: requiring it would lock out every user before they enrol, and enrolment happens outside this API'
        : 'MFA is a UX and support trade-off left to the deployer: -c mfa=true offers TOTP (see SECURITY.md)',
    });
  }
}
