/**
 * Where a PDF download may be sent on. The PDF server is arXiv, or the source
 * the user configured (PAPERSHELF_PDF_URL: a mirror, a test server on
 * loopback). A redirect is what the *answer* says, so it is data, and data does
 * not choose where the app connects: only arXiv's own hosts over https, or
 * the configured source's exact origin, are followed. Anything else (another
 * host, an address on the local network or loopback, a `file:` or `data:` URL,
 * credentials in the URL) ends the download with a message.
 */

/** Browsers stop at 20; a PDF needs one or two (http -> https, abs -> pdf). */
export const MAX_PDF_REDIRECTS = 5;

const ARXIV_HOST = /^(?:[a-z0-9-]+\.)*arxiv\.org$/;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** May a download of a PDF from `baseUrl` follow a redirect to `target`? */
export function isAllowedPdfRedirect(target: string, baseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:' && url.port === '' && ARXIV_HOST.test(url.hostname)) return true;
  try {
    return url.origin === new URL(baseUrl).origin;
  } catch {
    return false;
  }
}

export class RedirectRefusedError extends Error {
  constructor(readonly target: string) {
    super(`redirected to ${target}`);
    this.name = 'RedirectRefusedError';
  }
}

/**
 * `fetch` that follows only allowed redirects (by hand: `redirect: 'manual'`
 * hands Node's fetch the 3xx answer with its Location). Throws
 * RedirectRefusedError for a refused or endless chain.
 */
export async function fetchFollowingAllowed(
  doFetch: typeof globalThis.fetch,
  url: string,
  init: RequestInit,
  baseUrl: string,
): Promise<Response> {
  let current = url;
  for (let hop = 0; ; hop += 1) {
    const response = await doFetch(current, { ...init, redirect: 'manual' });
    if (!isRedirect(response.status)) return response;
    const location = response.headers.get('location');
    await response.body?.cancel().catch(() => undefined);
    let next: string;
    try {
      next = new URL(location ?? '', current).toString();
    } catch {
      throw new RedirectRefusedError(printable(location ?? ''));
    }
    if (location === null || hop >= MAX_PDF_REDIRECTS || !isAllowedPdfRedirect(next, baseUrl)) {
      throw new RedirectRefusedError(printable(next));
    }
    current = next;
  }
}

/** A URL from an answer, shown in a message: one line, not too long. */
function printable(url: string): string {
  const line = url.replace(/[\p{Cc}\p{Cf}]/gu, '');
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}
