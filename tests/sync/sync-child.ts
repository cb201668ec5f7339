/**
 * A sync in a process of its own, for the SIGKILL test: the same engine the
 * service runs (controller, feed client, ingester) on a real library file,
 * without the rest of the app.
 *   node --import tsx tests/sync/sync-child.ts LIBRARY SOURCE FROM TO
 */
import { openLibrary } from '../../src/main/db/connection';
import { backupOpeningPolicy } from '../../src/main/backup/opening-policy';
import { createEventBus } from '../../src/main/context/events';
import { syncAndWait } from '../../src/main/sync/await-run';
import { createSyncController } from '../../src/main/sync/controller';

async function main(): Promise<number> {
  const [library, source, from, to] = process.argv.slice(2);
  const lib = await openLibrary({ policy: backupOpeningPolicy, path: library });
  const events = createEventBus();
  const controller = createSyncController(
    { lib, events, appVersion: 'test', env: {}, onClose: () => {} },
    { log: () => {} },
  );
  const run = await syncAndWait(
    { api: { startSync: (input) => controller.start(input ?? {}) }, events },
    { from, to, source },
  );
  await controller.close();
  await lib.close();
  process.stdout.write(`${run.state}\n`);
  return run.state === 'done' ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
