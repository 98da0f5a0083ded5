import type { MfaSetting, PageConfig, PasswordlessFactor } from '../page-config';

const mfaSettings: readonly string[] = ['off', 'optional', 'required'] satisfies MfaSetting[];

export async function loadConfig(): Promise<PageConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered HTTP ${response.status}`);
  const raw = (await response.json()) as Partial<Record<keyof PageConfig, unknown>>;
  if (typeof raw.apiUrl !== 'string' || !/^https?:\/\//.test(raw.apiUrl)) throw new Error('config.json has no apiUrl');
  // Routes are resolved against the base URL, which keeps its last segment (the stage) only with a trailing slash.
  const apiUrl = raw.apiUrl.endsWith('/') ? raw.apiUrl : `${raw.apiUrl}/`;
  // A config.json without the setting offers no /mfa controls: a button whose route may be absent
  // would only fail. A sign-in that asks for a code is still answered: that comes from the API.
  const mfa = mfaSettings.includes(raw.mfa as string) ? (raw.mfa as MfaSetting) : 'off';
  // Likewise no passkey or email-code button without the factor named.
  const factors: readonly string[] = ['passkey', 'email-otp'] satisfies PasswordlessFactor[];
  const passwordless = Array.isArray(raw.passwordless)
    ? raw.passwordless.filter((factor): factor is PasswordlessFactor => factors.includes(factor))
    : [];
  return { apiUrl, mfa, passwordless, localMailbox: typeof raw.localMailbox === 'string' ? raw.localMailbox : undefined };
}
