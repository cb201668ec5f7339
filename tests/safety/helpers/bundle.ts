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
    writeAtomically(loader, LOADER_SOURCE);
  }
  // Keyed by the content of everything it could include, so test files running
  // at the same time share one bundle, and a changed source gets a new one.
  const key = sourceHash(entry);
  const outfile = path.join(CACHE_DIR, `${path.basename(entry, '.ts')}-${key}.cjs`);
  if (!fs.existsSync(`${outfile}.v8cache`)) {
    const temp = `${outfile}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp.cjs`;
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: temp,
      external: ['better-sqlite3', 'electron'],
      logLevel: 'error',
    });
    fs.renameSync(temp, outfile);
    // One run to write the code cache (the worker says `warm` and exits when stdin closes).
    spawnSync(process.execPath, [loader, outfile], {
      input: '',
      env: { ...process.env, PAPERSHELF_WRITE_CODE_CACHE: '1' },
    });
  }
  removeStale(outfile);
  return { argv: [loader, outfile] };
}

function writeAtomically(file: string, content: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, content);
  fs.renameSync(temp, file);
}

/** A hash of the entry's folder, the app's sources and the lockfile. */
function sourceHash(entry: string): string {
  const hash = crypto.createHash('sha256');
  const roots = [
    path.dirname(entry),
    path.join(ROOT, 'tests', 'safety', 'helpers'),
    path.join(ROOT, 'src'),
  ];
  const files = roots.flatMap((root) => listFiles(root)).sort();
  for (const file of [...files, path.join(ROOT, 'package-lock.json')]) {
    hash.update(file);
    try {
      hash.update(fs.readFileSync(file));
    } catch {
      // removed meanwhile: the name alone still changes the key
    }
  }
  return hash.digest('hex').slice(0, 16);
}

function listFiles(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) =>
    e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

/** Bundles of older sources, a day old or more: gone. */
function removeStale(current: string): void {
  const dayAgo = Date.now() - 24 * 60 * 60 * 1000;
  for (const name of fs.readdirSync(CACHE_DIR)) {
    const file = path.join(CACHE_DIR, name);
    if (file.startsWith(current) || name === 'cached-loader.cjs') continue;
    try {
      if (fs.statSync(file).mtimeMs < dayAgo) fs.rmSync(file, { force: true });
    } catch {
      // another run removed it
    }
  }
}
