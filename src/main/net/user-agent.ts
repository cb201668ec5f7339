import { APP_VERSION } from '../util/app-version';

/**
 * The one User-Agent every outbound request sends (the feed, the Hub and arXiv
 * lookups, PDF downloads): who we are and where to read about us, so a server
 * operator can tell Papershelf apart and reach its authors.
 */
export function userAgent(appVersion: string = APP_VERSION): string {
  return `Papershelf/${appVersion} (+https://github.com/papershelf/papershelf)`;
}

export const USER_AGENT = userAgent();
