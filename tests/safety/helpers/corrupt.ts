import crypto from 'node:crypto';
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';

/**
 * Overwrite a page the library uses (one of the papers table's, from the middle)
 * with noise: a torn or rotten disk block. A free page would go unnoticed, as
 * it does for SQLite, so the page is picked from the file's own map. The file
 * must be closed and checkpointed (everything in the main file).
 */
export function corruptUsedPage(file: string): void {
  const db = new BetterSqlite3(file, { readonly: true });
  let pageSize: number;
  let page: number;
  try {
    pageSize = Number(db.pragma('page_size', { simple: true }));
    const pages = db
      .prepare(
        "select pageno from dbstat where name = 'papers' and pagetype = 'leaf' order by pageno",
      )
      .pluck()
      .all() as number[];
    page = pages[Math.floor(pages.length / 2)];
  } finally {
    db.close();
  }
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, crypto.randomBytes(pageSize), 0, pageSize, (page - 1) * pageSize);
  fs.closeSync(fd);
}
