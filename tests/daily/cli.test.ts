import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createService } from '../../src/main/service';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/library';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const library = path.join(dir, 'library.sqlite');

async function run(...args: string[]) {
  const result = await cli([...args, '--library', library]);
  return result;
}

describe('papershelf views, list --view, list --sort rising, show --json, digest', () => {
  it('saves, lists, uses and removes saved searches', async () => {
    const added = await run('views', 'add', 'Decoding', 'speculative', 'decoding');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    expect(added.stdout).toMatch(/^Saved “Decoding”: \d+ papers/);
    const dup = await run('views', 'add', 'decoding', 'x');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toMatch(/already exists/);

    const views = JSON.parse((await run('views', '--json')).stdout) as Array<{
      name: string;
      query: string;
      count: number;
    }>;
    expect(views).toEqual([
      { name: 'Decoding', query: 'speculative decoding', count: expect.any(Number) },
    ]);
    expect(views[0].count).toBeGreaterThan(0);

    const listed = JSON.parse((await run('list', '--view', 'decoding', '--json')).stdout) as Array<{
      id: string;
    }>;
    const searched = JSON.parse(
      (await run('search', 'speculative decoding', '--json', '--limit', '1000')).stdout,
    ) as Array<{ id: string }>;
    expect(listed.map((p) => p.id)).toEqual(searched.map((p) => p.id));
    expect(listed).toHaveLength(views[0].count);

    expect((await run('list', '--view', 'nope')).stderr).toMatch(/no saved search named “nope”/);
    const updated = await run('views', 'update', 'decoding', 'medusa');
    expect(updated.stdout).toMatch(/^Updated “Decoding”: [1-9]\d* papers/);
    expect(JSON.parse((await run('views', '--json')).stdout)).toEqual([
      { name: 'Decoding', query: 'medusa', count: expect.any(Number) },
    ]);
    expect((await run('views', 'update', 'nope', 'x')).stderr).toMatch(/no saved search named/);
    expect((await run('views', 'remove', 'DECODING')).stdout).toMatch(/Removed “Decoding”/);
    expect(JSON.parse((await run('views', '--json')).stdout)).toEqual([]);
  });

  it('sorts by rising and shows a paper with its popularity', async () => {
    // Give one paper growth through the library itself (as a sync would).
    const service = await createService({ path: library });
    const featured = await service.api.listPapers({ view: 'all', sort: 'featured', limit: 5 });
    const target = featured.papers[3];
    service.lib.sqlite
      .prepare('update papers set upvotes = upvotes + 4, updated_at = ? where id = ?')
      .run(new Date(Date.now() + 1000).toISOString(), target.id);
    await service.close();

    const rising = JSON.parse((await run('list', '--sort', 'rising', '--json')).stdout) as Array<{
      id: string;
    }>;
    expect(rising[0].id).toBe(target.id);
    expect(rising.slice(1, 4).map((p) => p.id)).toEqual(
      featured.papers
        .filter((p) => p.id !== target.id)
        .slice(0, 3)
        .map((p) => p.id),
    );
    const shown = JSON.parse((await run('show', target.id, '--json')).stdout) as {
      popularity: Array<{
        at: string;
        upvotes: number;
        comments: number;
        githubStars: number | null;
      }>;
    };
    expect(shown.popularity.map((p) => p.upvotes)).toEqual([target.upvotes, target.upvotes + 4]);
    expect(Object.keys(shown.popularity[0])).toEqual(['at', 'upvotes', 'comments', 'githubStars']);
    expect((await run('list', '--sort', 'sideways')).code).not.toBe(0);
  });

  it('writes a digest file in each format', async () => {
    for (const format of ['md', 'html', 'json']) {
      const out = path.join(dir, `digest.${format}`);
      const result = await run('digest', '--since', '2000-01-01', '--format', format, '--out', out);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(/^Wrote 78 papers to /);
      expect(fs.readFileSync(out, 'utf8').length).toBeGreaterThan(1000);
    }
    const data = JSON.parse(fs.readFileSync(path.join(dir, 'digest.json'), 'utf8'));
    expect(data).toMatchObject({ since: '2000-01-01T00:00:00.000Z', count: 78 });
    const printed = await run('digest', '--since', '2000-01-01');
    expect(printed.stdout).toMatch(/^# Papershelf digest\n\n78 papers since 2000-01-01 00:00 UTC/);
    expect((await run('digest', '--since', 'yesterday')).stderr).toMatch(/Invalid input/);
  });
});
