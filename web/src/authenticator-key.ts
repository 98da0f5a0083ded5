import { toCanvas } from 'qrcode';
import type { TotpSecretResponse } from '../../contract/responses';

/** Authenticator apps show the code as `123 456`; the API takes the six digits alone. */
export const authenticatorCode = (typed: string) => typed.replace(/\s/g, '');

/**
 * One of index.html's `.authenticator-key` blocks, which shows a new TOTP key: the otpauth:// URI
 * as a QR code for an authenticator app's camera, and the secret as text for typing it in.
 */
export class AuthenticatorKeyView {
  private readonly qr: HTMLCanvasElement;
  private readonly secretText: HTMLElement;
  private secret = '';

  /** `report` says whether the copy worked, in the status line of the form around the block. */
  constructor(
    readonly block: HTMLElement,
    report: (text: string, tone: 'ok' | 'error') => void,
  ) {
    this.qr = part(block, '.key-qr', HTMLCanvasElement);
    this.secretText = part(block, '.key-secret', HTMLElement);
    part(block, '.copy-key', HTMLButtonElement).addEventListener('click', () => {
      navigator.clipboard.writeText(this.secret).then(
        () => report('Key copied: paste it into your authenticator app.', 'ok'),
        () => report('This browser did not let the page copy: select the key and copy it.', 'error'),
      );
    });
  }

  /**
   * Drawn in the page, on a canvas: no image is fetched (the Content-Security-Policy allows none
   * from elsewhere, and the key must not leave the page). qrcode's default margin is the 4 modules
   * of quiet zone ISO/IEC 18004 asks for, without which a camera may not find the code.
   */
  async show(key: TotpSecretResponse): Promise<void> {
    this.secret = key.secret;
    // Groups of four, as authenticator apps show keys: easier to read out and type. The apps
    // ignore the spaces; the copy button copies the key without them.
    this.secretText.textContent = key.secret.replace(/(.{4})(?=.)/g, '$1 ');
    await toCanvas(this.qr, key.otpauthUri, { scale: 4 });
    this.block.hidden = false;
  }

  /** Forgets the key once it is enrolled or abandoned: it stays in the page no longer than needed. */
  clear(): void {
    this.secret = '';
    this.secretText.textContent = '';
    this.qr.getContext('2d')?.clearRect(0, 0, this.qr.width, this.qr.height);
    this.block.hidden = true;
  }
}

function part<T extends HTMLElement>(block: HTMLElement, selector: string, type: new () => T): T {
  const found = block.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`#${block.id} has no ${selector} of the expected kind`);
  return found;
}
