import type { VerifySoftwareTokenCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';
import { ApiError } from '../../contract/errors';
import type { TotpSecretResponse } from '../../contract/responses';
import { environment } from './environment';
import { WRONG_TOTP_CODE } from './errors';

/**
 * The key Cognito generated for an authenticator (AssociateSoftwareToken's SecretCode, base32), and
 * the same as an otpauth://totp/ URI for a QR code, with the issuer TOTP_ISSUER (lib/auth-api-stack.ts)
 * and the user's email as the label, so the app shows whose code it is and where it is for. The
 * parameters are otpauth's defaults, SHA-1, 6 digits and 30-second steps, what authenticator apps
 * assume; Cognito documents none of them but the 6 digits (unverified, and tested only against the
 * local twin).
 */
export function totpKey(secretCode: string, email: string): TotpSecretResponse {
  const issuer = environment('TOTP_ISSUER');
  const uri = new TOTP({ issuer, label: email, secret: Secret.fromBase32(secretCode) }).toString();
  return { secret: secretCode, otpauthUri: uri };
}

/**
 * VerifySoftwareToken's answer read as the wrong-code refusal unless it says SUCCESS: its Status is
 * SUCCESS or ERROR (API Reference), and a wrong code was only ever reported as an exception, so an
 * ERROR is read the same way.
 */
export function requireVerified(output: VerifySoftwareTokenCommandOutput): void {
  if (output.Status !== 'SUCCESS') throw new ApiError(WRONG_TOTP_CODE.code, WRONG_TOTP_CODE.message);
}
