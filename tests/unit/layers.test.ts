import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layers of src/main (docs/DEVELOPING.md) are enforced by ESLint; this
 * holds the rule itself to the written order, so it cannot be loosened unseen.
 * Each row lints one import as if written in a file of that folder.
 */
const ROOT = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: ROOT });

const ROWS: Array<[folder: string, imported: string, allowed: boolean]> = [
  // down: allowed
  ['db', '../util/private-files', true],
  ['library', '../db/schema', true],
  ['library', '../context/service-context', true],
  ['io', '../library/import-writer', true],
  ['io', '../net/errors', true],
  ['pdf', '../../shared/arxiv-id', true],
  ['service', '../backup/opening-policy', true],
  ['electron', '../service', true],
  ['electron', '../util/static-files', true],
  ['cli', '../../server', true], // `serve` starts browser mode
  ['net', '../util/app-version', true],
  ['discovery', '../search/index/search-index', true], // built on the search index
  ['daily', '../library/today-repo', true],
  ['replication', '../library/tags-repo', true],
  ['service', '../replication/control', true],
  ['cli', '../replication/relay-server', true],
  // up: refused
  ['db', '../backup/opening-policy', false],
  ['db', '../library/papers-repo', false],
  ['util', '../db/connection', false],
  ['net', '../sync/feed-errors', false],
  ['context', '../service', false],
  ['library', '../sync/feed-client', false],
  ['library', '../service/index', false],
  ['sync', '../service', false],
  ['backup', '../cli/context', false],
  ['service', '../electron/ipc', false],
  ['search', '../discovery/related', false],
  // sideways: refused
  ['io', '../sync/feed-client', false],
  ['io', '../pdf', false],
  ['pdf', '../search/handlers', false],
  ['sync', '../settings/handlers', false],
  ['electron', '../server/static-files', false],
  ['server', '../cli/context', false],
  ['replication', '../sync/feed-client', false],
  ['replication', '../service', false],
  ['search', '../replication/replicator', false],
];

describe('src/main layers', () => {
  it.each(ROWS)('%s imports %s: allowed %s', async (folder, imported, allowed) => {
    const filePath = path.join(ROOT, 'src/main', folder, 'layer-probe.ts');
    const code = `import * as probe from '${imported}';\nexport const used = probe;\n`;
    const [result] = await eslint.lintText(code, { filePath });
    const layerErrors = result.messages.filter((m) => m.ruleId === 'no-restricted-imports');
    const messages = layerErrors.map((m) => m.message);
    if (allowed) expect(messages).toEqual([]);
    else expect(messages.some((m) => /layers point down only|sibling layers/.test(m))).toBe(true);
  });
});
