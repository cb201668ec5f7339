import fs from 'node:fs';
import path from 'node:path';
import type { PdfDownload } from '../../../src/shared/api/pdf';
import type { AppEvent } from '../../../src/shared/events';
import type { Service } from '../../../src/main/service';
import { tempService } from '../../helpers/library';
import type { PdfServer } from './pdf-server';

/** Ids of bundled sample papers (every new library has them). */
export const SAMPLE = ['2412.11605', '2505.23564', '2203.15516', '2507.01912'] as const;

/** A real service on a temp library whose PDFs come from the test server, unpaced. */
export async function pdfService(server: PdfServer, env: NodeJS.ProcessEnv = {}) {
  return tempService({
    env: {
      ...process.env,
      PAPERSHELF_PDF_URL: server.baseUrl,
      PAPERSHELF_PDF_INTERVAL_MS: '0',
      ...env,
    },
  });
}

/** Every event the service emits, and a way to wait for one. */
export function recordEvents(service: Service) {
  const events: AppEvent[] = [];
  const waiters: Array<{ test: (e: AppEvent) => boolean; resolve: (e: AppEvent) => void }> = [];
  const unsubscribe = service.events.subscribe((event) => {
    events.push(event);
    for (const w of [...waiters]) {
      if (w.test(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  });
  const until = (test: (e: AppEvent) => boolean): Promise<AppEvent> =>
    new Promise((resolve) => {
      const seen = events.find(test);
      if (seen) resolve(seen);
      else waiters.push({ test, resolve });
    });
  return {
    events,
    unsubscribe,
    until,
    downloads: (id: string) =>
      events.flatMap((e) =>
        e.type === 'pdf-download' && e.download.id === id ? [e.download] : [],
      ),
    /** The download's last event once it has finished (done, failed, cancelled, interrupted). */
    async finished(id: string): Promise<PdfDownload> {
      const e = await until(
        (ev) =>
          ev.type === 'pdf-download' &&
          ev.download.id === id &&
          !['queued', 'downloading'].includes(ev.download.state),
      );
      if (e.type !== 'pdf-download') throw new Error('unreachable');
      return e.download;
    },
  };
}

/** Every file under the library's pdfs folder (relative paths), for "nothing left behind" checks. */
export function filesUnder(libraryFile: string): string[] {
  const root = path.join(path.dirname(libraryFile), 'pdfs');
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(root, full));
    }
  };
  walk(root);
  return out.sort();
}

export function pdfPath(libraryFile: string, id: string): string {
  return path.join(path.dirname(libraryFile), 'pdfs', `${encodeURIComponent(id)}.pdf`);
}
