import { explain } from '../messages';
import type { Panel } from '../page';
import { session } from '../session';
import { signedInCard } from '../signed-in-card';

/**
 * The identity pool's temporary AWS credentials (POST /credentials), kept in the session, and
 * GET /private signed with them (SigV4): two buttons of the signed-in card.
 */
export const credentialsPanel: Panel = {
  root: 'get-credentials',
  mount(page) {
    const card = signedInCard(page);

    card.onClick('get-credentials', async () => {
      const outcome = await page.withIdToken((idToken) => page.api.credentials(idToken));
      if (!outcome.ok) return card.problem(outcome.problem);
      session.keepAwsCredentials(outcome.body);
      card.row.say(
        `Temporary AWS credentials of identity ${outcome.body.identityId}, valid until ${new Date(outcome.body.expiration).toLocaleTimeString()}. They stay in this page's memory.`,
        'ok',
      );
    });

    card.onClick('call-private', async () => {
      const credentials = session.get()?.awsCredentials;
      if (!credentials || Date.parse(credentials.expiration) <= Date.now()) {
        return card.row.say('Get AWS credentials first: GET /private wants a request signed with them.', 'error');
      }
      const outcome = await page.api.signedPrivate(credentials);
      if (!outcome.ok) return card.row.say(explain(outcome.problem, page.apiUrl).text, 'error');
      const { message, identityId, user } = outcome.body;
      card.row.say('GET /private accepted the signed request.', 'ok');
      card.showAnswer('GET /private answered', [
        ['Message', message],
        ['Identity id', identityId],
        ['Sub', user.sub],
      ]);
    });

    return {};
  },
};
