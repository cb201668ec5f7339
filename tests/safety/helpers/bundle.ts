import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '../../..');
const CACHE_DIR = path.join(ROOT, 'node_modules', '.cache', 'papershelf-safety');

/**
 * Runs a CommonJS bundle with a V8 code cache beside it (`<bundle>.v8cache`),
 * written by the first run: later starts skip most of the parse and compile.
 */
const LOADER_SOURCE = `'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');
const file = process.argv[2];
const cacheFile = file + '.v8cache';
let cachedData;
try { cachedData = fs.readFileSync(cacheFile); } catch {}
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
const mod = new Module(file, module);
mod.filename = file;
mod.paths = Module._nodeModulePaths(path.dirname(file));
const req = (id) => mod.require(id);
req.resolve = (request) => Module._resolveFilename(request, mod);
if (process.env.PAPERSHELF_WRITE_CODE_CACHE === '1') {
  process.on('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
}
script.runInThisContext().call(mod.exports, mod.exports, req, mod, file, path.dirname(file));
`;

export interface Bundle {
  /** Arguments for `node`: the loader, then the bundle. */
  argv: string[];
}

/**
 * Bundle a TypeScript entry (and the app code it imports) into one CommonJS
 * file, the way electron-vite bundles the app, and warm a V8 code cache for
 * it. A child then starts in a fraction of the time `node --import tsx` takes
 * (which compiles the app's TypeScript on every start): that is what keeps
 * 20+ kills inside a few seconds. Bundles live under node_modules/.cache so
 * `better-sqlite3` (kept external: it is a native addon) resolves from them.
 */
export async function bundleScript(entry: string): Promise<Bundle> {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const loader = path.join(CACHE_DIR, 'cached-loader.cjs');
  if (!fs.existsSync(loader) || fs.readFileSync(loader, 'utf8') !== LOADER_SOURCE) {
    const temp = `${loader}.${process.pid}.tmp`;
    fs.writeFileSync(temp, LOADER_SOURCE);
    fs.renameSync(temp, loader);
  }
  const tag = crypto.randomBytes(6).toString('hex');
  const outfile = path.join(CACHE_DIR, `${path.basename(entry, '.ts')}-${tag}.cjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['better-sqlite3', 'electron'],
    logLevel: 'error',
  });
  // One run to write the code cache (the worker says `warm` and exits when stdin closes).
  spawnSync(process.execPath, [loader, outfile], {
    input: '',
    env: { ...process.env, PAPERSHELF_WRITE_CODE_CACHE: '1' },
  });
  return { argv: [loader, outfile] };
}

/** Remove a bundle and its cache (older ones from crashed runs are overwritten by tag, never reused). */
export function removeBundle(bundle: Bundle): void {
  const file = bundle.argv[1];
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}.v8cache`, { force: true });
}
