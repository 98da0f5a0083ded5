import { AdminSetUserMFAPreferenceCommand } from '@aws-sdk/client-cognito-identity-provider';
import { adminResetMfaRequest } from '../contract/requests';
import { audited, userPoolId } from './api/admin';
import { cognito } from './api/cognito';
import { httpHandler } from './api/handler';

/**
 * DELETE /admin/users/{id}/mfa: a lost authenticator. AdminSetUserMFAPreference with TOTP off
 * (API Reference, AdminSetUserMFAPreference): the user signs in with the password, and may enrol again.
 */
export const handler = httpHandler<'admin-reset-mfa'>(adminResetMfaRequest, async ({ params, event }) =>
  audited(event, 'AdminSetUserMFAPreference', params.id, async () => {
    await cognito.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: userPoolId(),
        Username: params.id,
        SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
      }),
    );
    return { status: 204 };
  }),
);
