import fs from 'node:fs';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

/** Does this path end in a file type the build ships? */
export function isKnownAssetType(file: string): boolean {
  return Object.prototype.hasOwnProperty.call(CONTENT_TYPES, path.extname(file).toLowerCase());
}

export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup =
  | { kind: 'file'; file: string }
  /** Nothing there: a client-side route may fall back to the app shell. */
  | { kind: 'missing' }
  /** An attempt to leave the folder (`..`, encoded separators, NUL, a symlink out): refused outright. */
  | { kind: 'forbidden' };

/**
 * Resolve a URL path inside `root`. Anything that would escape it is
 * `forbidden`, and never falls back to the app shell: a probe for
 * `/../../etc/passwd` gets a 404, not a page.
 */
export function lookupStatic(root: string, urlPath: string): StaticLookup {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'forbidden' };
  }
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\u0000-\u001f\\]/.test(decoded)) return { kind: 'forbidden' };
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return { kind: 'forbidden' };
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = path.resolve(root);
  const full = path.resolve(base, relative);
  if (!full.startsWith(base + path.sep)) return { kind: 'forbidden' };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    return { kind: 'missing' };
  }
  if (!stat.isFile()) return { kind: 'missing' };
  // A symlink inside the folder may point anywhere: check where the file really is.
  try {
    const real = fs.realpathSync(full);
    const realBase = fs.realpathSync(base);
    if (!real.startsWith(realBase + path.sep)) return { kind: 'forbidden' };
  } catch {
    return { kind: 'missing' };
  }
  return { kind: 'file', file: full };
}

/** The file for a URL path inside `root`, or null (kept for callers that only need the file). */
export function resolveStatic(root: string, urlPath: string): string | null {
  const found = lookupStatic(root, urlPath);
  return found.kind === 'file' ? found.file : null;
}

/** The built renderer: $PAPERSHELF_RENDERER_DIR, else out/renderer found above this file or the cwd. */
export function findRendererDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.PAPERSHELF_RENDERER_DIR) return path.resolve(env.PAPERSHELF_RENDERER_DIR);
  const starts = [__dirname, process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (let i = 0; i < 6; i += 1) {
      const candidate = path.join(dir, 'out', 'renderer');
      if (fs.existsSync(path.join(candidate, 'index.html'))) return candidate;
      if (path.basename(dir) === 'out' && fs.existsSync(path.join(dir, 'renderer', 'index.html'))) {
        return path.join(dir, 'renderer');
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return null;
}
