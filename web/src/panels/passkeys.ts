import type { WebAuthnCredentialJson } from '../../../contract/requests';
import type { PasskeysResponse } from '../../../contract/responses';
import { element, say } from '../forms';
import { explain } from '../messages';
import type { Panel } from '../page';

/**
 * The Account panel's Passkeys, with -c passwordless=passkey: the signed-in user's passkeys (GET /passkeys), "Add a
 * passkey" (POST /passkeys/registration-options, the browser's WebAuthn, POST /passkeys) and a Remove button each
 * (DELETE /passkeys/{id}). Cognito names each passkey itself and has no call to rename one.
 */
export const passkeysPanel: Panel = {
  root: 'passkeys',
  mount(page) {
    const section = element('passkeys', HTMLElement);
    const list = element('passkey-list', HTMLUListElement);
    const empty = element('passkeys-empty', HTMLParagraphElement);
    const status = element('passkeys-status', HTMLParagraphElement);
    const enabled = page.config.passwordless?.includes('passkey') ?? false;

    const failed = (problem: Parameters<typeof page.endedSession>[0]) => {
      if (!page.endedSession(problem)) say(status, explain(problem, page.apiUrl).text, 'error');
    };

    const show = (passkeys: PasskeysResponse['passkeys']) => {
      list.replaceChildren(
        ...passkeys.map((passkey) => {
          const item = document.createElement('li');
          const added = new Date(passkey.createdAt).toLocaleString();
          item.textContent = `${passkey.name} (added ${added}) `;
          const remove = document.createElement('button');
          remove.type = 'button';
          remove.className = 'secondary';
          remove.textContent = 'Remove';
          remove.setAttribute('aria-label', `Remove ${passkey.name}`);
          remove.addEventListener('click', async () => {
            const removed = await page.withAccessToken((token) => page.api.deletePasskey(token, passkey.id));
            if (!removed.ok) return failed(removed.problem);
            // The list first, then the word: whoever waits for the word finds the list as it is now.
            await refresh();
            say(status, `${passkey.name} removed: it no longer signs you in.`, 'ok');
          });
          item.append(remove);
          return item;
        }),
      );
      empty.hidden = passkeys.length > 0;
    };

    const refresh = async () => {
      const listed = await page.withAccessToken((token) => page.api.passkeys(token));
      if (!listed.ok) return failed(listed.problem);
      show(listed.body.passkeys);
    };

    element('passkey-add', HTMLButtonElement).addEventListener('click', async () => {
      const options = await page.withAccessToken((token) => page.api.passkeyOptions(token));
      if (!options.ok) return failed(options.problem);
      let credential: WebAuthnCredentialJson;
      try {
        // https://www.w3.org/TR/webauthn-3/#sctn-parseCreationOptionsFromJSON, and toJSON() back.
        const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(options.body.options as never);
        const created = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential;
        credential = created.toJSON() as WebAuthnCredentialJson;
      } catch (error) {
        return say(status, `Your browser made no passkey (${(error as Error).name}).`, 'error');
      }
      const registered = await page.withAccessToken((token) => page.api.registerPasskey(token, credential));
      if (!registered.ok) return failed(registered.problem);
      await refresh();
      say(status, 'Passkey added: sign in with it next time.', 'ok');
    });

    return {
      signedIn: async () => {
        section.hidden = !enabled;
        say(status, '');
        if (enabled) await refresh();
      },
    };
  },
};
