import type { Problem } from './api';
import { type Explanation, explain } from './messages';

export type Tone = 'ok' | 'error' | 'info';

/** Writes a sentence into a live region; its `data-tone` gives the colour, the text says the rest. */
export function say(region: HTMLElement, text: string, tone: Tone = 'info'): void {
  region.dataset.tone = tone;
  region.textContent = text;
}

/** One form of the page: its fields by name, its status line, and problem reporting. */
export class FormView {
  readonly form: HTMLFormElement;
  private readonly status: HTMLElement;

  /** `explainWith` words the API's problems for this form (messages.ts). */
  constructor(
    id: string,
    private readonly apiUrl: string,
    private readonly explainWith: (problem: Problem, apiUrl: string) => Explanation = explain,
  ) {
    this.form = element(id, HTMLFormElement);
    this.status = this.form.querySelector<HTMLElement>('.status') ?? this.form;
  }

  /** The field's value; spaces around an email or a code are dropped, a password is sent as typed. */
  value(name: string): string {
    const input = this.input(name);
    return input.type === 'password' ? input.value : input.value.trim();
  }

  /** The browser's own check of one field (required, type="email"), shown as the browser shows it. */
  check(name: string): boolean {
    return this.input(name).reportValidity();
  }

  set(name: string, value: string): void {
    this.input(name).value = value;
  }

  focus(name: string): void {
    this.input(name).focus();
  }

  say(text: string, tone: Tone = 'info'): void {
    say(this.status, text, tone);
  }

  /** Shows what went wrong and flags the field at fault; what the user typed stays as it was. */
  problem(problem: Problem): void {
    const { text, field } = this.explainWith(problem, this.apiUrl);
    this.say(text, 'error');
    // A refused new password (InvalidPassword) is the new-password field's fault where a form has two.
    const passwordInput = () =>
      (problem.code === 'InvalidPassword'
        ? this.form.querySelector<HTMLInputElement>('input[autocomplete="new-password"]')
        : null) ?? this.form.querySelector<HTMLInputElement>('input[type="password"]');
    const input =
      field === 'password' ? passwordInput() : field ? this.form.querySelector<HTMLInputElement>(`input[name="${field}"]`) : null;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  }

  /**
   * Runs `action` on submit (Enter in any field, or the button); a second submit while the first
   * request runs is ignored, so a double click sends one request.
   */
  onSubmit(action: () => Promise<void>): void {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.busy(action);
    });
  }

  /** Like onSubmit, for a button of the form that is not its submit button. */
  busy(action: () => Promise<void>): Promise<void> {
    return whileBusy(this.form, async () => {
      for (const input of this.form.querySelectorAll('input')) input.removeAttribute('aria-invalid');
      this.status.textContent = '';
      await action();
    });
  }

  private input(name: string): HTMLInputElement {
    const input = this.form.elements.namedItem(name);
    if (!(input instanceof HTMLInputElement)) throw new Error(`#${this.form.id} has no field "${name}"`);
    return input;
  }
}

/**
 * Marks `container` busy until `action` settles, and ignores a new action meanwhile. The buttons
 * are not disabled: a disabled button loses keyboard focus, and the user their place.
 */
async function whileBusy(container: HTMLElement, action: () => Promise<void>): Promise<void> {
  if (container.getAttribute('aria-busy') === 'true') return;
  container.setAttribute('aria-busy', 'true');
  try {
    await action();
  } finally {
    container.removeAttribute('aria-busy');
  }
}

/**
 * Buttons that share one status line, in a part of the page that is busy while any of them runs:
 * a click clears the line, then runs the button's action.
 */
export class ButtonRow {
  constructor(
    private readonly container: HTMLElement,
    private readonly status: HTMLElement,
  ) {}

  onClick(button: HTMLButtonElement, action: () => Promise<void>): void {
    button.addEventListener('click', () =>
      whileBusy(this.container, async () => {
        this.clear();
        await action();
      }),
    );
  }

  say(text: string, tone: Tone = 'info'): void {
    say(this.status, text, tone);
  }

  clear(): void {
    this.status.textContent = '';
  }
}

/** The element with this id, of the expected type: the page and this code must agree. */
export function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`index.html has no #${id} of the expected kind`);
  return found;
}
