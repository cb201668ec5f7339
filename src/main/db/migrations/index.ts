import type { Migration } from 'kysely';
import * as m0001 from './0001-initial';
import * as m0002 from './0002-authors-inline';
import * as m0003 from './0003-list-sort-indexes';
import * as m0004 from './0004-sample-source-index';
import * as m0005 from './0005-synced-days-without-rowid';
import * as m0006 from './0006-search-dirty';
import * as m0007 from './0007-popularity-and-saved-searches';
import * as m0008 from './0008-note-links';
import * as m0009 from './0009-replication';

/**
 * Every migration, registered statically: a folder read at run time would not
 * survive bundling. Names sort in order; add new ones at the end, never edit old ones.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-authors-inline': m0002,
  '0003-list-sort-indexes': m0003,
  '0004-sample-source-index': m0004,
  '0005-synced-days-without-rowid': m0005,
  '0006-search-dirty': m0006,
  '0007-popularity-and-saved-searches': m0007,
  '0008-note-links': m0008,
  '0009-replication': m0009,
};

export const MIGRATION_NAMES = Object.keys(MIGRATIONS).sort();
export const LATEST_SCHEMA_VERSION = MIGRATION_NAMES.length;
