/**
 * The app page's Content-Security-Policy, the same in both doors (the desktop
 * window's response headers and browser mode's): our own scripts only, no
 * eval, no remote code, no frames, no plugins. src/renderer/index.html carries
 * it too, as a meta tag, minus `frame-ancestors` (which a meta tag cannot set);
 * a test keeps the three equal.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
