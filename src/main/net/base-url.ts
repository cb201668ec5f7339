/** Thrown by `normalizeBaseUrl` for an address that is not an http(s) URL. */
export class BaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaseUrlError';
  }
}

/**
 * A service's base address as every client here uses it: http(s) only, no
 * query or fragment, no trailing slash. `what` names the address in the error
 * ("The feed address").
 */
export function normalizeBaseUrl(url: string, what = 'The address'): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new BaseUrlError(`${what} “${url}” is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new BaseUrlError(`${what} must start with http:// or https://`);
  }
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString().replace(/\/+$/, '');
}
