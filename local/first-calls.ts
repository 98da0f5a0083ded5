/**
 * The README's first calls (sign up, the mailed code, confirm, sign in, GET /secret) for these
 * addresses; test/local/e2e/readme.test.ts holds the README's block to this and runs it.
 */
export function firstCalls(api: string, mailbox: string): string {
  return `API=${api}
MAILBOX=${mailbox}
EMAIL=you@example.com
PASSWORD='correct horse battery staple'
curl -s -X POST "\${API}sign-up" -H 'Content-Type: application/json' \\
  -d "{\\"email\\":\\"$EMAIL\\",\\"password\\":\\"$PASSWORD\\"}" | jq
CODE=$(curl -s "$MAILBOX?to=$EMAIL" | jq -r '.[-1].code')
curl -s -X POST "\${API}confirm" -H 'Content-Type: application/json' \\
  -d "{\\"email\\":\\"$EMAIL\\",\\"code\\":\\"$CODE\\"}" | jq
ID_TOKEN=$(curl -s -X POST "\${API}sign-in" -H 'Content-Type: application/json' \\
  -d "{\\"email\\":\\"$EMAIL\\",\\"password\\":\\"$PASSWORD\\"}" | jq -r .idToken)
curl -s "\${API}secret" -H "Authorization: Bearer $ID_TOKEN" | jq`;
}
