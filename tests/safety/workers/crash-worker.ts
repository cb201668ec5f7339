/**
 * The process the crash harness kills. It loads the app's service, says
 * `warm`, and waits for one line on stdin: `go <json>`. Then it works through
 * the real service until it is killed (it never stops on its own):
 *
 *   notes: saveNote in a loop over the library's papers, printing
 *          `ack <paperId> <version>` after each save has returned, and
 *          `backup <file>` after each createBackup (every 20 saves).
 *   sync:  startSync over a range of days from a local feed, printing
 *          `synced <doneDays>` as days finish, and `finished <state>` at the end.
 *
 * Built into one CommonJS file by the harness (see helpers/bundle.ts) so that
 * starting it costs a Node start, not a TypeScript compile.
 */
import readline from 'node:readline';
import { createService, type Service } from '../../../src/main/service';
import { noteText } from '../helpers/note-text';

interface GoNotes {
  mode: 'notes';
  library: string;
  /** Versions of this run start here, so every save in the whole test is unique. */
  firstVersion: number;
}

interface GoSync {
  mode: 'sync';
  library: string;
  feedUrl: string;
  from: string;
  to: string;
}

type Go = GoNotes | GoSync;

const say = (line: string) => process.stdout.write(`${line}\n`);

async function saveNotes(service: Service, go: GoNotes): Promise<never> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await service.api.listPapers({ view: 'all', offset, limit: 1000 });
    ids.push(...page.papers.map((p) => p.id));
    if (ids.length >= page.total || page.papers.length === 0) break;
  }
  for (let version = go.firstVersion; ; version += 1) {
    const id = ids[version % ids.length];
    await service.api.saveNote({ id, markdown: noteText(id, version) });
    say(`ack ${id} ${version}`);
    if (version % 20 === 0) {
      const backup = await service.api.createBackup({});
      say(`backup ${backup.file}`);
    }
  }
}

async function sync(service: Service, go: GoSync): Promise<never> {
  service.events.subscribe((event) => {
    if (event.type === 'sync-status' && event.status.run)
      say(`synced ${event.status.run.doneDays}`);
    if (event.type === 'sync-finished') say(`finished ${event.run.state}`);
  });
  await service.api.startSync({ from: go.from, to: go.to, source: go.feedUrl });
  // Keep the process alive until the harness kills it.
  return new Promise<never>(() => setInterval(() => undefined, 1_000));
}

async function main(): Promise<void> {
  say('warm');
  const lines = readline.createInterface({ input: process.stdin });
  const first = await new Promise<string>((resolve) => lines.once('line', resolve));
  const go = JSON.parse(first.replace(/^go /, '')) as Go;
  const service = await createService({
    path: go.library,
    seedSample: go.mode === 'notes',
    env: {
      ...process.env,
      PAPERSHELF_FEED_URL: go.mode === 'sync' ? go.feedUrl : 'http://127.0.0.1:9',
    },
  });
  say('ready');
  if (go.mode === 'notes') await saveNotes(service, go);
  else await sync(service, go);
}

main().catch((error: unknown) => {
  say(`error ${error instanceof Error ? error.message : String(error)}`);
  process.exit(3);
});
