import { sql, type Kysely } from 'kysely';

/**
 * The first schema. Migrations take Kysely<any> so they stay frozen in time:
 * they must not change when the app's current types do.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- frozen migration, see above
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('papers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('abstract', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_at', 'text')
    .addColumn('upvotes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('num_comments', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ai_summary', 'text')
    .addColumn('ai_keywords', 'text')
    .addColumn('github_repo', 'text')
    .addColumn('github_stars', 'integer')
    .addColumn('project_page', 'text')
    .addColumn('thumbnail', 'text')
    // Denormalized max(daily_appearances.day): the list sorts on it at 50k papers.
    .addColumn('last_featured_day', 'text')
    .addColumn('source', 'text', (c) =>
      c.notNull().check(sql`source in ('feed', 'sample', 'import', 'manual')`),
    )
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('inbox')
        .check(sql`status in ('inbox', 'toread', 'reading', 'read', 'archived')`),
    )
    .addColumn('starred', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`starred in (0, 1)`),
    )
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', 'text')
    .execute();
  await db.schema.createIndex('papers_status').on('papers').columns(['status']).execute();
  await db.schema
    .createIndex('papers_starred')
    .on('papers')
    .column('starred')
    .where(sql.ref('starred'), '=', 1)
    .execute();
  await db.schema
    .createIndex('papers_last_featured_day')
    .on('papers')
    .columns(['last_featured_day'])
    .execute();
  await db.schema.createIndex('papers_added_at').on('papers').column('added_at').execute();
  await db.schema.createIndex('papers_source').on('papers').column('source').execute();

  await db.schema
    .createTable('paper_authors')
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('hidden', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`hidden in (0, 1)`),
    )
    .addPrimaryKeyConstraint('paper_authors_pk', ['paper_id', 'position'])
    .modifyEnd(sql`without rowid`)
    .execute();

  await db.schema
    .createTable('daily_appearances')
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('daily_appearances_pk', ['day', 'paper_id'])
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema
    .createIndex('daily_appearances_paper')
    .on('daily_appearances')
    .columns(['paper_id', 'day'])
    .execute();

  await db.schema
    .createTable('synced_days')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('tags')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) =>
      c
        .notNull()
        .unique()
        .modifyFront(sql`collate nocase`),
    )
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('paper_tags')
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('paper_tags_pk', ['paper_id', 'tag_id'])
    .modifyEnd(sql`without rowid`)
    .execute();
  await db.schema.createIndex('paper_tags_tag').on('paper_tags').columns(['tag_id']).execute();

  await db.schema
    .createTable('notes')
    .addColumn('paper_id', 'text', (c) =>
      c.primaryKey().references('papers.id').onDelete('cascade'),
    )
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}
