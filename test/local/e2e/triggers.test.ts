import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeJwt } from 'jose';
import type { RefreshResponse } from '../../../contract/responses';
import { synthesize } from '../../../local/synth';
import { FLAVORS, type Flavor, flavorContext, gateway } from '../../support/flavors';
import { bootLocal, type LocalClient, PASSWORD } from '../../support/local-mode';
import { addToGroups } from '../../support/operator';
import { cloudAssemblyWith } from './mfa-local-mode';

/** A synth of its own (the trigger bundles are new; the others are reused from the run's synth) and local mode's start. */
const SYNTH_AND_BOOT_MS = 180_000;

/**
 * Local mode on the stack synthesized, bundles included, with this context, as `npm start -- -c …` runs it; the HTTP
 * flavor (docs/http-api.md) from an in-process synth borrowing those bundles (cloudAssemblyWith).
 */
async function bootWith(context: Record<string, string>, flavor: Flavor): Promise<LocalClient> {
  const { cdkOut } = synthesize(path.join(__dirname, '..', '..', '..', '.local', 'synth'), context);
  if (flavor === 'rest') return bootLocal(cdkOut);
  const assembly = cloudAssemblyWith(flavorContext(flavor, context) ?? context, cdkOut);
  const client = await bootLocal(assembly);
  return { ...client, close: () => client.close().finally(() => fs.rmSync(assembly, { recursive: true, force: true })) };
}

const EVERY_TRIGGER = { allowedEmailDomains: 'example.com', groups: 'admin,editor', defaultGroup: 'editor', rolesClaim: 'true' };

/** The lines local mode printed about trigger runs: the twin's and the trigger functions' own. */
const triggerLines = (client: LocalClient) => client.logs.filter((line) => /trigger/i.test(line));

describe.each(FLAVORS)(
  'local mode with every trigger on (allowedEmailDomains, defaultGroup, rolesClaim on Essentials), %s API',
  (flavor) => {
    let client: LocalClient;
    beforeAll(async () => {
      client = await bootWith(EVERY_TRIGGER, flavor);
    }, SYNTH_AND_BOOT_MS);
    afterAll(() => client?.close());

    test('sign-up from another domain answers 403 SignUpNotAllowed with the trigger’s message, and no account or mail is made', async () => {
      const answer = await client.call('POST', 'sign-up', { body: { email: 'eve@elsewhere.org', password: PASSWORD } });
      expect([answer.status, answer.body]).toEqual([
        403,
        { code: 'SignUpNotAllowed', message: 'Sign-up is limited to example.com addresses.' },
      ]);
      expect(client.local.mailbox().filter((mail) => mail.to === 'eve@elsewhere.org')).toEqual([]);
      expect(
        triggerLines(client).some(
          (line) => line.includes('PreSignUp trigger (PreSignUp_SignUp') && line.includes('failed with error'),
        ),
      ).toBe(true);
    });

    test('a confirmed user joins the default group; the next tokens carry it in cognito:groups and roles, with its scope', async () => {
      const tokens = await client.signedInUser('ada@example.com');
      const id = decodeJwt(tokens.idToken);
      expect(id['cognito:groups']).toEqual(['editor']);
      expect(id.roles).toEqual(['editor']);
      const access = decodeJwt(tokens.accessToken);
      expect(access.roles).toEqual(['editor']);
      expect(String(access.scope).split(' ')).toEqual(['aws.cognito.signin.user.admin', 'group/editor']);
      const me = await client.call('GET', 'me', { token: tokens.idToken });
      expect(me.status).toBe(200);
    });

    test("the admin API's authorizer requires group/admin: a member's access token passes it, an editor's is refused by the gateway before the function runs", async () => {
      // A new membership reaches the scope with the next refresh.
      const earlier = await client.signedInUser('root@example.com');
      expect(String(decodeJwt(earlier.accessToken).scope).split(' ')).not.toContain('group/admin');
      await addToGroups(client.stateDir, 'root@example.com', ['admin']);
      const root = (await client.call('POST', 'refresh', { body: { refreshToken: earlier.refreshToken } }))
        .body as RefreshResponse;
      expect(String(decodeJwt(root.accessToken).scope).split(' ')).toContain('group/admin');
      expect((await client.call('GET', 'admin/users', { token: root.accessToken })).status).toBe(200);

      const editor = await client.signedInUser('eve@example.com');
      // The function's own line for each request it answered (lambda/api/handler.ts).
      const functionLines = () =>
        client.logs.filter((line) => line.includes('request completed') && line.includes('"resource":"/admin/users"')).length;
      const before = functionLines();
      expect(before).toBeGreaterThan(0);
      // The gateway's refusal for a missing scope, not the function's 403 {"code":"Forbidden"}.
      const refused = await client.call('GET', 'admin/users', { token: editor.accessToken });
      expect([refused.status, refused.body]).toEqual(gateway(flavor).missingScope);
      expect(functionLines()).toBe(before);
      // The document local mode serves says the scope this template requires.
      const document = (await (await fetch(client.local.openApiUrl)).json()) as {
        paths: Record<string, Record<string, { security: unknown }>>;
      };
      expect(document.paths['/admin/users'].get.security).toEqual([{ accessToken: ['group/admin'] }]);
    });

    test('a password reset runs post confirmation too, which adds nothing: the trigger branches on its source', async () => {
      await client.signUp('bob@example.com');
      await client.call('POST', 'forgot-password', { body: { email: 'bob@example.com' } });
      const reset = await client.call('POST', 'reset-password', {
        body: { email: 'bob@example.com', code: await client.latestCode('bob@example.com'), newPassword: `${PASSWORD} again` },
      });
      expect(reset.status).toBe(200);
      // The function's own log line (lambda/triggers/post-confirmation.ts), through local mode's console.
      const decisions = client.logs.filter(
        (line) => line.includes('PostConfirmation_ConfirmForgotPassword') && line.includes('decision'),
      );
      expect(decisions).toEqual([expect.stringContaining('nothing to do')]);
      const tokens = (await client.signIn('bob@example.com', `${PASSWORD} again`)).body;
      expect(decodeJwt(tokens.idToken)['cognito:groups']).toEqual(['editor']);
    });

    test('the console says when each trigger ran and what it decided, and never a code or a token it saw', async () => {
      const lines = triggerLines(client);
      for (const trigger of ['PreSignUp', 'PostConfirmation', 'PreTokenGeneration']) {
        expect([trigger, lines.some((line) => line.includes(`[cognito-twin] ${trigger} trigger`))]).toEqual([trigger, true]);
      }
      const codes = client.local.mailbox().map((mail) => mail.code);
      for (const line of lines) {
        for (const code of codes) expect(line).not.toMatch(new RegExp(`\\b${code}\\b`));
        expect(line).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
      }
    });
  },
);

describe.each(FLAVORS)('local mode with rolesClaim on the Lite plan (refreshTokenRotation=false), %s API', (flavor) => {
  let client: LocalClient;
  beforeAll(async () => {
    client = await bootWith({ rolesClaim: 'true', refreshTokenRotation: 'false', defaultGroup: 'admin' }, flavor);
  }, SYNTH_AND_BOOT_MS);
  afterAll(() => client?.close());

  test('a V1_0 trigger: roles as a string in the id token, the access token untouched', async () => {
    expect(client.local.model.pool.lambdaTriggers.preTokenGeneration?.version).toBe('V1_0');
    const tokens = await client.signedInUser('ada@example.com');
    expect(decodeJwt(tokens.idToken).roles).toBe('admin');
    const access = decodeJwt(tokens.accessToken);
    expect(access.roles).toBeUndefined();
    expect(access.scope).toBe('aws.cognito.signin.user.admin');
  });
});

test(
  'a trigger is held to its own role: without its AdminAddUserToGroup grant, POST /confirm answers 500 and the user stays confirmed',
  async () => {
    const { cdkOut } = synthesize(path.join(__dirname, '..', '..', '..', '.local', 'synth'), EVERY_TRIGGER);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-out-no-group-grant-'));
    fs.cpSync(cdkOut, copy, { recursive: true });
    const templateFile = fs.readdirSync(copy).find((file) => file.endsWith('.template.json')) as string;
    const template = JSON.parse(fs.readFileSync(path.join(copy, templateFile), 'utf8'));
    let removed = 0;
    // The trigger's own policy (lib/user-pool-triggers.ts), not the admin API's route of the same action.
    for (const [logicalId, resource] of Object.entries<any>(template.Resources)) {
      if (resource.Type !== 'AWS::IAM::Policy' || !logicalId.startsWith('TriggersAddToGroupPolicy')) continue;
      const statements = resource.Properties.PolicyDocument.Statement as Array<{ Action: unknown }>;
      resource.Properties.PolicyDocument.Statement = statements.filter((s) => s.Action !== 'cognito-idp:AdminAddUserToGroup');
      removed += statements.length - resource.Properties.PolicyDocument.Statement.length;
    }
    expect(removed).toBe(1);
    fs.writeFileSync(path.join(copy, templateFile), JSON.stringify(template));
    const client = await bootLocal(copy);
    try {
      await client.call('POST', 'sign-up', { body: { email: 'ada@example.com', password: PASSWORD } });
      const confirmed = await client.call('POST', 'confirm', {
        body: { email: 'ada@example.com', code: await client.latestCode('ada@example.com') },
      });
      expect([confirmed.status, (confirmed.body as { code: string }).code]).toEqual([500, 'InternalError']);
      // The twin refused the trigger's call as IAM would, and Cognito's error names the trigger.
      expect(
        client.logs.some(
          (line) =>
            line.includes('PostConfirmation failed with error') &&
            line.includes('is not authorized to perform: cognito-idp:AdminAddUserToGroup'),
        ),
      ).toBe(true);
      const signedIn = await client.signIn('ada@example.com');
      expect(signedIn.status).toBe(200);
      expect(decodeJwt(signedIn.body.idToken)['cognito:groups']).toBeUndefined();
    } finally {
      await client.close();
      fs.rmSync(copy, { recursive: true, force: true });
    }
  },
  SYNTH_AND_BOOT_MS,
);
