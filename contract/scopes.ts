/** OAuth scopes, on their own so that a function needing one does not bundle the route table. */

/**
 * The scope of every access token a user pool issues through its API, and the one Cognito's own
 * operations on the signed-in user (ChangePassword, UpdateUserAttributes, DeleteUser…) require.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChangePassword.html
 */
export const ACCESS_TOKEN_SCOPE = 'aws.cognito.signin.user.admin';

/**
 * The scope a pre token generation trigger puts in a member's access token for each of their groups
 * (lambda/triggers/pre-token-generation.ts, with -c rolesClaim=true on the Essentials or Plus plan):
 * Cognito adds trigger scopes to access tokens at runtime
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html),
 * and an authorizer that lists it admits only the group's members.
 */
export function groupScope(group: string): string {
  return `group/${group}`;
}
