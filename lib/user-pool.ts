import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { profileAttributes } from '../contract/profile';
import type { MfaMode, PasswordlessFactor } from './config';
import type { EmailMessage } from './email-messages';

/** Amazon SES as the pool's sender (UserPoolSESOptions). */
interface SesSender {
  readonly from: string;
  readonly fromName?: string;
  readonly replyTo?: string;
  /** @default the stack's Region */
  readonly region?: string;
  readonly configurationSet?: string;
}

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
  /** TOTP second factor: none, for the users who enrol, or for every user. @default 'off' */
  readonly mfa?: MfaMode;
  /**
   * Refresh-token rotation, with how long a rotated-out token still works (0 to 60 s); undefined
   * for none, one refresh token for the whole session. @default undefined
   */
  readonly refreshTokenRotationGracePeriod?: Duration;
  /** The pool's groups, highest precedence first. @default none */
  readonly groups?: readonly string[];
  /** The message that carries a code (lib/email-messages.ts). */
  readonly codeMessage: EmailMessage;
  /** Send through Amazon SES; undefined for Cognito's own sender. @default undefined */
  readonly ses?: SesSender;
  /** First factors allowed beside the password, through choice-based sign-in (USER_AUTH). @default none */
  readonly passwordless?: readonly PasswordlessFactor[];
  /** The passkeys' WebAuthn relying party id; used with the `passkey` factor. */
  readonly passkeyRelyingPartyId?: string;
}

const cognitoMfa: Record<MfaMode, cognito.Mfa> = {
  off: cognito.Mfa.OFF,
  optional: cognito.Mfa.OPTIONAL,
  required: cognito.Mfa.REQUIRED,
};

/**
 * How long a user has to answer each step of a sign-in that asks for a code: Cognito's session,
 * renewed at each step (sign-in, authenticator setup, code). Cognito's default is 3 minutes, the
 * range 3 to 15 (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.UserPoolClientOptions.html,
 * authSessionValidity). Setting up an authenticator at sign-in (mfa=required) may mean installing
 * an app first, and 3 minutes was reported to lose users there
 * (https://github.com/aws-amplify/amplify-js/issues/2824); 10 leaves room for that while the session
 * stays useless without a code from the user's authenticator.
 */
const SIGN_IN_STEP_VALIDITY = Duration.minutes(10);

/**
 * The CDK's name of each standard attribute (StandardAttributesMask), by Cognito's: the profile
 * table names attributes as requests and tokens do
 * (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.StandardAttributesMask.html).
 */
const cdkStandardAttribute: Record<string, keyof cognito.StandardAttributesMask> = {
  address: 'address',
  birthdate: 'birthdate',
  email: 'email',
  email_verified: 'emailVerified',
  family_name: 'familyName',
  gender: 'gender',
  given_name: 'givenName',
  locale: 'locale',
  middle_name: 'middleName',
  name: 'fullname',
  nickname: 'nickname',
  phone_number: 'phoneNumber',
  phone_number_verified: 'phoneNumberVerified',
  picture: 'profilePicture',
  preferred_username: 'preferredUsername',
  profile: 'profilePage',
  updated_at: 'lastUpdateTime',
  website: 'website',
  zoneinfo: 'timezone',
};

/**
 * The pool's custom attributes, by name without `custom:` (docs/profile.md adds one). Think twice:
 * "You can't delete custom attributes after you create them"
 * (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddCustomAttributes.html),
 * nor rename or change them ("Custom attributes (removal)", Developer Guide, "Updating user pool and
 * app client configuration": https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-updating.html).
 */
const customAttributes: Record<string, cognito.ICustomAttribute> = {};

/** `base` and every attribute of the profile table (contract/profile.ts), as the app client's ClientAttributes. */
function profileClientAttributes(base: cognito.StandardAttributesMask): cognito.ClientAttributes {
  const names = Object.values(profileAttributes).map(({ attribute }) => attribute as string);
  const custom = names.filter((name) => name.startsWith('custom:')).map((name) => name.slice('custom:'.length));
  const standard = names.filter((name) => !name.startsWith('custom:'));
  // CloudFormation would refuse the client at deploy ("Invalid write attributes specified"): said at synth instead.
  const unknown = [
    ...standard.filter((name) => !cdkStandardAttribute[name]),
    ...custom.filter((name) => !customAttributes[name]).map((name) => `custom:${name}`),
  ];
  if (unknown.length > 0) throw new Error(`contract/profile.ts names attributes Cognito does not have: ${unknown.join(', ')}`);
  const mask = Object.fromEntries(standard.map((name) => [cdkStandardAttribute[name], true]));
  const attributes = new cognito.ClientAttributes().withStandardAttributes({ ...base, ...mask });
  return custom.length > 0 ? attributes.withCustomAttributes(...custom) : attributes;
}

/** A user pool where people sign up with their email and a password, and the one app client the API uses. */
export class AuthUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  /** The plan the pool is billed on, derived from the settings that need more than Lite (below). */
  readonly featurePlan: cognito.FeaturePlan;

  constructor(scope: Construct, id: string, props: AuthUserPoolProps) {
    super(scope, id);
    const mfa = props.mfa ?? 'off';
    const rotation = props.refreshTokenRotationGracePeriod !== undefined;
    const passkey = props.passwordless?.includes('passkey') ?? false;
    const emailOtp = props.passwordless?.includes('email-otp') ?? false;
    // Choice-based sign-in with passkeys or email codes needs Essentials too
    // (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-sign-in-feature-plans.html).
    this.featurePlan = props.threatProtection
      ? cognito.FeaturePlan.PLUS
      : rotation || passkey || emailOtp
        ? cognito.FeaturePlan.ESSENTIALS
        : cognito.FeaturePlan.LITE;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // An email change takes effect only once the new address is verified, so a stolen session
      // cannot move the account to an attacker's mailbox and reset the password from there.
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      customAttributes,
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      userVerification: {
        emailStyle: cognito.VerificationEmailStyle.CODE,
        emailSubject: props.codeMessage.subject,
        emailBody: props.codeMessage.body,
      },
      email: props.ses
        ? cognito.UserPoolEmail.withSES({
            fromEmail: props.ses.from,
            fromName: props.ses.fromName,
            replyTo: props.ses.replyTo,
            // Given even when it is the stack's own Region: CDK refuses an SES sender in a stack
            // whose Region is unknown at synth (a token) unless it is set, and the token is right.
            sesRegion: props.ses.region ?? Stack.of(this).region,
            configurationSetName: props.ses.configurationSet,
          })
        : undefined,
      passwordPolicy: {
        minLength: props.passwordMinLength,
        requireLowercase: false,
        requireUppercase: false,
        requireDigits: false,
        requireSymbols: false,
      },
      // The cheapest plan that has what the deployment uses: Lite covers email sign-up,
      // USER_PASSWORD_AUTH, refresh, revocation and TOTP; refresh-token rotation needs Essentials
      // or Plus (AWS What's New, April 2025, "Amazon Cognito introduces refresh token rotation":
      // docs/COST.md has the source and the prices); threat protection needs Plus.
      featurePlan: this.featurePlan,
      // The password stays a first factor (CDK requires it); passkeys and emailed codes join it. Left out without
      // them, so the template of a password-only pool is what it was.
      // https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.AllowedFirstAuthFactors.html
      signInPolicy: passkey || emailOtp ? { allowedFirstAuthFactors: { password: true, passkey, emailOtp } } : undefined,
      passkeyRelyingPartyId: passkey ? props.passkeyRelyingPartyId : undefined,
      // A passkey replaces the password and any second factor, so it must verify its user (PIN or biometric):
      // possession plus that makes it multi-factor (NIST SP 800-63B, 5.1.9 multi-factor cryptographic authenticators).
      // https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.PasskeyUserVerification.html
      passkeyUserVerification: passkey ? cognito.PasskeyUserVerification.REQUIRED : undefined,
      standardThreatProtectionMode: props.threatProtection ? cognito.StandardThreatProtectionMode.FULL_FUNCTION : undefined,
      mfa: cognitoMfa[mfa],
      // TOTP only: SMS costs per message and is open to SIM swapping (SECURITY.md, "Two-factor sign-in").
      mfaSecondFactor: mfa === 'off' ? undefined : { otp: true, sms: false },
      deletionProtection: props.deletionProtection ?? false,
      // Users are data: `cdk destroy` leaves the pool behind rather than deleting every account.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.client = this.userPool.addClient('AppClient', {
      // A public client (browser, mobile, curl) cannot keep a secret, so it has none.
      generateSecret: false,
      // Only the flows the API calls: the password, and choice-based sign-in (USER_AUTH) with passwordless. Without rotation CDK adds ALLOW_REFRESH_TOKEN_AUTH
      // with it; with rotation it leaves it out, since Cognito refuses REFRESH_TOKEN_AUTH on a
      // rotating client and /refresh calls GetTokensFromRefreshToken either way
      // (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html).
      authFlows: { userPassword: true, user: passkey || emailOtp },
      // No hosted UI or OAuth redirects: the REST API is the only way in.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: props.tokenValidity,
      accessTokenValidity: props.tokenValidity,
      refreshTokenValidity: props.refreshTokenValidity,
      // RefreshTokenRotation {Feature: ENABLED, RetryGracePeriodSeconds}. Without rotation the
      // property is left out, as CDK leaves it (rotation off is Cognito's default), rather than
      // written DISABLED: that is the template a Lite pool had before rotation existed, and turning
      // rotation off later resets it, since UpdateUserPoolClient sets what it is not given to its
      // default (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-updating.html).
      refreshTokenRotationGracePeriod: props.refreshTokenRotationGracePeriod,
      authSessionValidity: SIGN_IN_STEP_VALIDITY,
      // The email, and each attribute of the profile (contract/profile.ts): the client reads them into the id token and
      // GetUser, and writes them at SignUp and UpdateUserAttributes; Cognito refuses any other
      // (https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_cognito.ClientAttributes.html). A change here
      // touches the AWS::Cognito::UserPoolClient, not the pool's Schema (that it is updated, not replaced: unverified).
      readAttributes: profileClientAttributes({ email: true, emailVerified: true }),
      writeAttributes: profileClientAttributes({ email: true }),
    });

    // One resource per group, its construct id the name: renaming or reordering never gives an
    // existing name to a new logical id, which CloudFormation would create before deleting the old
    // one, and Cognito refuse as a duplicate name. Precedence 0 is the highest
    // (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-cognito-userpoolgroup.html).
    for (const [precedence, groupName] of (props.groups ?? []).entries()) {
      this.userPool.addGroup(`Group-${groupName}`, { groupName, precedence });
    }

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
    // COG2 asks that MFA be required; with mfa=required there is nothing to acknowledge.
    if (mfa !== 'required') {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason:
          mfa === 'optional'
            ? 'TOTP is offered to every user (POST /mfa/totp), not imposed: requiring it is a UX and support trade-off left to the deployer, -c mfa=required (SECURITY.md)'
            : 'MFA is turned off by this deployment (-c mfa=off); the default offers TOTP and -c mfa=required imposes it (SECURITY.md)',
      });
    }
  }
}
