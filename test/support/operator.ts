import * as fs from 'node:fs';
import * as path from 'node:path';
import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { OperatorFile } from '../../local/iam-credentials';

/**
 * Adds `email` to each of `groups` with the operator's credentials local mode wrote to its state
 * folder, as `npm run admin -- add-to-group` does (docs/admin.md).
 */
export async function addToGroups(stateDir: string, email: string, groups: readonly string[]): Promise<void> {
  const operator: OperatorFile = JSON.parse(fs.readFileSync(path.join(stateDir, 'operator.json'), 'utf8'));
  const cognito = new CognitoIdentityProviderClient({
    endpoint: operator.endpoint,
    region: operator.region,
    credentials: {
      accessKeyId: operator.credentials.AWS_ACCESS_KEY_ID,
      secretAccessKey: operator.credentials.AWS_SECRET_ACCESS_KEY,
      sessionToken: operator.credentials.AWS_SESSION_TOKEN,
    },
  });
  try {
    for (const group of groups) {
      await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: operator.userPoolId, Username: email, GroupName: group }));
    }
  } finally {
    cognito.destroy();
  }
}
