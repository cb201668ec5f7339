/**
 * A device for tests/replication/crash-device.test.ts: opens a linked library,
 * replicates live, and saves versions of one note as fast as it can, printing
 * `saved N` once a save returned (acknowledged to the user) and `sent N` once
 * the relay acknowledged everything up to it. The test kills it with SIGKILL.
 */
import { createService } from '../../../src/main/service';

async function main() {
  const library = process.env.LIBRARY!;
  const paper = process.env.PAPER!;
  let version = Number(process.env.FIRST);
  const service = await createService({ path: library, seedSample: false });
  service.replication.startLive();
  process.stdout.write('ready\n');
  for (;;) {
    await service.api.saveNote({ id: paper, markdown: `version ${version}` });
    await service.api.setStatus({
      ids: [paper],
      status: version % 2 === 0 ? 'reading' : 'toread',
    });
    process.stdout.write(`saved ${version}\n`);
    if (version % 3 === 0) {
      await service.replication.replicateOnce(30_000);
      process.stdout.write(`sent ${version}\n`);
    }
    version += 1;
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
