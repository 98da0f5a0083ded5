import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SignInResponse } from '../../../contract/responses';
import { FLAVORS, flavorContext, gateway } from '../../support/flavors';
import { bootLocal, type LocalClient, PASSWORD } from '../../support/local-mode';
import { addToGroups } from '../../support/operator';
import { bootFlavor, cloudAssemblyWith } from './mfa-local-mode';

// The admin API in local mode, as a client calls it: the group check of the handler wrapper, the
// functions' own roles held to their policies by the twin, the 409s and one audit line per action.

/** Makes `email` an admin as `npm run admin` does. */
const makeAdmin = (client: LocalClient, email: string) => addToGroups(client.stateDir, email, ['admin']);

const subOf = (idToken: string) => JSON.parse(Buffer.from(idToken.split('.')[1], 'base64url').toString()).sub as string;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
/** A synth (the HTTP flavor), local mode's start (a container warmed for each of its 33 functions) and two accounts, on a machine shared with a parallel run. */
const BOOT_TIMEOUT_MS = 120_000;

// Both API flavors (docs/http-api.md): the group check is the handler's, so only the gateway's 401 differs.
describe.each(FLAVORS)('the admin API, for members of admin (%s API)', (flavor) => {
  let client: LocalClient;
  let admin: SignInResponse;
  let member: SignInResponse;
  beforeAll(async () => {
    client = await bootFlavor(flavor);
    await client.signUp('admin@example.com');
    await makeAdmin(client, 'admin@example.com');
    admin = (await client.signIn('admin@example.com')).body as SignInResponse;
    member = await client.signedInUser('bob@example.com');
  }, BOOT_TIMEOUT_MS);
  afterAll(() => client?.close());

  test('without a token or with an id token: refused by the gateway; a signed-in user outside admin: 403 Forbidden in the envelope', async () => {
    const anonymous = await client.call('GET', 'admin/users');
    expect([anonymous.status, anonymous.body]).toEqual(gateway(flavor).unauthorized);
    const refused = await client.call('GET', 'admin/users', { token: member.accessToken });
    expect([refused.status, refused.body]).toEqual([
      403,
      { code: 'Forbidden', message: 'This route is for members of the group admin.' },
    ]);
    const disable = await client.call('POST', `admin/users/${subOf(admin.idToken)}/disable`, { token: member.accessToken });
    expect(disable.status).toBe(403);
    // The admin API takes the access token: an admin's id token is refused by the authorizer.
    const idToken = await client.call('GET', 'admin/users', { token: admin.idToken });
    expect([idToken.status, idToken.body]).toEqual(gateway(flavor).missingScope);
  });

  test('GET /admin/users lists users with their groups, pages with nextToken, filters by email prefix', async () => {
    const all = await client.call('GET', 'admin/users', { token: admin.accessToken });
    expect(all.status).toBe(200);
    const users = (all.body as { users: Array<{ email: string; groups: string[]; enabled: boolean; mfa: boolean }> }).users;
    expect(users.map((u) => [u.email, u.groups, u.enabled, u.mfa])).toEqual([
      ['admin@example.com', ['admin'], true, false],
      ['bob@example.com', [], true, false],
    ]);
    const first = await client.call('GET', 'admin/users?limit=1', { token: admin.accessToken });
    const { nextToken } = first.body as { nextToken: string };
    const second = await client.call('GET', `admin/users?limit=1&nextToken=${encodeURIComponent(nextToken)}`, {
      token: admin.accessToken,
    });
    expect((second.body as { users: Array<{ email: string }> }).users.map((u) => u.email)).toEqual(['bob@example.com']);
    const filtered = await client.call('GET', 'admin/users?email=bo', { token: admin.accessToken });
    expect((filtered.body as { users: Array<{ email: string }> }).users.map((u) => u.email)).toEqual(['bob@example.com']);
    expect((await client.call('GET', 'admin/users?limit=61', { token: admin.accessToken })).status).toBe(400);
  });

  test('an unknown id is 404 NotFound; an unknown group 404 too', async () => {
    const unknown = await client.call('GET', `admin/users/${UNKNOWN}`, { token: admin.accessToken });
    expect([unknown.status, (unknown.body as { code: string }).code]).toEqual([404, 'NotFound']);
    const group = await client.call('PUT', `admin/users/${subOf(member.idToken)}/groups/owners`, { token: admin.accessToken });
    expect([group.status, (group.body as { code: string }).code]).toEqual([404, 'NotFound']);
  });

  test('an admin cannot disable, delete or demote themselves: 409 Conflict with the reason', async () => {
    const self = subOf(admin.idToken);
    for (const [method, route, what] of [
      ['POST', `admin/users/${self}/disable`, 'disable'],
      ['DELETE', `admin/users/${self}`, 'delete'],
      ['DELETE', `admin/users/${self}/groups/admin`, 'remove from admin'],
    ] as const) {
      const answer = await client.call(method, route, { token: admin.accessToken });
      expect([route, answer.status, answer.body]).toEqual([
        route,
        409,
        { code: 'Conflict', message: `An administrator cannot ${what} their own account.` },
      ]);
    }
  });

  test('disable ends the user’s sign-in, enable restores it; sign-out, MFA reset and groups answer 204', async () => {
    const bob = subOf(member.idToken);
    expect((await client.call('POST', `admin/users/${bob}/disable`, { token: admin.accessToken })).status).toBe(204);
    expect((await client.signIn('bob@example.com', PASSWORD)).status).toBe(401);
    const read = await client.call('GET', `admin/users/${bob}`, { token: admin.accessToken });
    expect((read.body as { enabled: boolean }).enabled).toBe(false);
    expect((await client.call('POST', `admin/users/${bob}/enable`, { token: admin.accessToken })).status).toBe(204);
    expect((await client.signIn('bob@example.com', PASSWORD)).status).toBe(200);
    for (const [method, route] of [
      ['PUT', `admin/users/${bob}/groups/admin`],
      ['DELETE', `admin/users/${bob}/groups/admin`],
      ['POST', `admin/users/${bob}/sign-out`],
      ['DELETE', `admin/users/${bob}/mfa`],
    ] as const)
      expect([route, (await client.call(method, route, { token: admin.accessToken })).status]).toEqual([route, 204]);
  });

  test('every admin action wrote one audit line: who, what, on whom, outcome; no token anywhere in the logs', () => {
    const audit = client.logs
      .filter((line) => line.includes('"admin action"'))
      .map((line) => JSON.parse(line).message as { actor: string; action: string; target: string; outcome: string });
    expect(audit.length).toBeGreaterThanOrEqual(10);
    expect(audit).toContainEqual(
      expect.objectContaining({
        actor: subOf(admin.idToken),
        action: 'AdminDisableUser',
        target: subOf(member.idToken),
        outcome: 'Success',
      }),
    );
    expect(audit).toContainEqual(expect.objectContaining({ action: 'AdminDisableUser', outcome: 'Conflict' }));
    expect(audit).toContainEqual(expect.objectContaining({ action: 'AdminGetUser', target: UNKNOWN, outcome: 'NotFound' }));
    for (const token of [admin.idToken, admin.accessToken, admin.refreshToken])
      expect(client.logs.some((line) => line.includes(token))).toBe(false);
  });
});

test.each(FLAVORS)(
  '%s API: a permission removed from a function’s role in the template fails that route locally as on AWS: 500, AccessDeniedException logged',
  async (flavor) => {
    const cdkOut = cloudAssemblyWith(flavorContext(flavor, {}) ?? {});
    const templateFile = fs.readdirSync(cdkOut).find((file) => file.endsWith('.template.json')) as string;
    const template = JSON.parse(fs.readFileSync(path.join(cdkOut, templateFile), 'utf8'));
    let removed = 0;
    for (const resource of Object.values<any>(template.Resources)) {
      if (resource.Type !== 'AWS::IAM::Policy') continue;
      const statements = resource.Properties.PolicyDocument.Statement as Array<{ Action: unknown }>;
      resource.Properties.PolicyDocument.Statement = statements.filter((s) => s.Action !== 'cognito-idp:AdminDisableUser');
      removed += statements.length - resource.Properties.PolicyDocument.Statement.length;
    }
    expect(removed).toBe(1);
    fs.writeFileSync(path.join(cdkOut, templateFile), JSON.stringify(template));
    const client = await bootLocal(cdkOut);
    try {
      await client.signUp('admin@example.com');
      await makeAdmin(client, 'admin@example.com');
      const { accessToken } = (await client.signIn('admin@example.com')).body as SignInResponse;
      const member = await client.signedInUser('bob@example.com');
      const answer = await client.call('POST', `admin/users/${subOf(member.idToken)}/disable`, { token: accessToken });
      expect([answer.status, (answer.body as { code: string }).code]).toEqual([500, 'InternalError']);
      expect(client.logs.some((line) => line.includes('AccessDeniedException'))).toBe(true);
      // The routes whose roles keep their permission still work.
      expect((await client.call('GET', `admin/users/${subOf(member.idToken)}`, { token: accessToken })).status).toBe(200);
    } finally {
      await client.close();
      fs.rmSync(cdkOut, { recursive: true, force: true });
    }
  },
  BOOT_TIMEOUT_MS,
);
