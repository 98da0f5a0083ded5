/**
 * What the page is told where it is served (`config.json`, next to index.html): the deploy writes
 * the stack's API URL into it, local mode serves the local API's and its mailbox. The bundle
 * itself names no URL, so one build serves every stage.
 */
export interface PageConfig {
  /** The REST API's base URL, ending in the stage and a slash (the ApiUrl output). */
  readonly apiUrl: string;
  /** Local mode only: where the page reads the codes Cognito would have emailed. */
  readonly localMailbox?: string;
}

export async function loadConfig(): Promise<PageConfig> {
  const response = await fetch('config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json answered HTTP ${response.status}`);
  const raw = (await response.json()) as Partial<Record<keyof PageConfig, unknown>>;
  if (typeof raw.apiUrl !== 'string' || !/^https?:\/\//.test(raw.apiUrl)) throw new Error('config.json has no apiUrl');
  // Routes are resolved against the base URL, which keeps its last segment (the stage) only with a trailing slash.
  const apiUrl = raw.apiUrl.endsWith('/') ? raw.apiUrl : `${raw.apiUrl}/`;
  return { apiUrl, localMailbox: typeof raw.localMailbox === 'string' ? raw.localMailbox : undefined };
}
