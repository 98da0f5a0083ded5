import type { AdminUser } from '../../../contract/responses';
import type { Outcome, Problem } from '../api';
import { ButtonRow, element, FormView } from '../forms';
import { explain } from '../messages';
import type { Panel } from '../page';
import { session } from '../session';

const ADMIN = 'admin';

/** The groups of the signed-in user's id token (`cognito:groups`): the access token the admin API checks has the same. */
function groupsOfSession(): string[] {
  const idToken = session.get()?.idToken;
  if (!idToken) return [];
  try {
    const payload = JSON.parse(atob(idToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'] : [];
  } catch {
    return [];
  }
}

/**
 * The Admin panel, shown to members of admin only (the API refuses everyone else with 403 anyway):
 * the users (filtered by email prefix), and per user disable or enable, make or unmake admin, and
 * reset a lost authenticator. Every value is set as text, never as markup.
 */
export const adminPanel: Panel = {
  root: 'admin',
  mount(page) {
    const panel = element('admin', HTMLElement);
    const filter = new FormView('admin-filter-form', page.apiUrl);
    const rows = element('admin-users', HTMLTableElement).tBodies[0];
    const actions = new ButtonRow(panel, element('admin-status', HTMLParagraphElement));

    const problem = (p: Problem) => {
      if (!page.endedSession(p)) actions.say(explain(p, page.apiUrl).text, 'error');
    };

    const button = (label: string, action: () => Promise<void>) => {
      const made = document.createElement('button');
      made.type = 'button';
      made.className = 'secondary';
      made.textContent = label;
      actions.onClick(made, action);
      return made;
    };

    const act = async (call: (accessToken: string) => Promise<Outcome<undefined>>, done: string) => {
      const outcome = await page.withAccessToken(call);
      if (!outcome.ok) return problem(outcome.problem);
      await list();
      actions.say(done, 'ok');
    };

    const row = (user: AdminUser) => {
      const tr = rows.insertRow();
      for (const text of [
        user.email,
        user.enabled ? user.status : 'DISABLED',
        user.groups.join(', ') || '—',
        user.mfa ? 'on' : 'off',
      ])
        tr.insertCell().textContent = text;
      const cell = tr.insertCell();
      const admin = user.groups.includes(ADMIN);
      cell.append(
        button(user.enabled ? `Disable ${user.email}` : `Enable ${user.email}`, () =>
          act(
            (t) => (user.enabled ? page.api.disableUser(t, user.id) : page.api.enableUser(t, user.id)),
            `${user.email} is ${user.enabled ? 'disabled' : 'enabled'}.`,
          ),
        ),
        button(admin ? `Remove ${user.email} from admin` : `Make ${user.email} admin`, () =>
          act(
            (t) => (admin ? page.api.removeFromGroup(t, user.id, ADMIN) : page.api.addToGroup(t, user.id, ADMIN)),
            `${user.email} ${admin ? 'is no longer' : 'is now'} an admin.`,
          ),
        ),
        button(`Reset two-factor of ${user.email}`, () =>
          act((t) => page.api.resetMfa(t, user.id), `${user.email} signs in with the password alone now.`),
        ),
      );
    };

    async function list(): Promise<void> {
      const email = filter.value('email');
      const outcome = await page.withAccessToken((accessToken) => page.api.listUsers(accessToken, email || undefined));
      if (!outcome.ok) return problem(outcome.problem);
      rows.replaceChildren();
      for (const user of outcome.body.users) row(user);
      filter.say(
        `${outcome.body.users.length} user${outcome.body.users.length === 1 ? '' : 's'}${outcome.body.nextToken ? ' (more: narrow the filter)' : ''}.`,
        'ok',
      );
    }

    filter.onSubmit(list);

    return {
      signedIn: async () => {
        panel.hidden = !groupsOfSession().includes(ADMIN);
        if (!panel.hidden) await list();
      },
      signedOut: () => {
        panel.hidden = true;
        rows.replaceChildren();
      },
    };
  },
};
