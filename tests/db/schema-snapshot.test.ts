import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openLibrary } from '../../src/main/db/connection';
import { backupOpeningPolicy } from '../../src/main/backup/opening-policy';
import { tempDir } from '../helpers/library';

const { dir, cleanup } = tempDir();
afterAll(cleanup);

/**
 * Any change to the schema shows up as a diff of this snapshot, so it is
 * reviewed on purpose (and comes with a migration), never by accident.
 */
it('the schema matches the reviewed snapshot', async () => {
  const lib = await openLibrary({
    policy: backupOpeningPolicy,
    path: path.join(dir, 'lib.sqlite'),
  });
  const rows = lib.sqlite
    .prepare(
      `select type, name, sql from sqlite_master
       where sql is not null and name not like 'sqlite_%' and name not like 'kysely_%'
       order by type, name`,
    )
    .all() as Array<{ type: string; name: string; sql: string }>;
  await lib.close();
  const text = rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql};\n`).join('\n');
  await expect(text).toMatchFileSnapshot('__snapshots__/schema.sql');
});
