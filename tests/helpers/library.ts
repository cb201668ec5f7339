import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createService, type CreateServiceOptions, type Service } from '../../src/main/service';

/** A fresh folder under the OS temp dir, removed by the returned cleanup. */
export function tempDir(prefix = 'papershelf-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A real service on a real SQLite file in a temp folder. */
export async function tempService(
  options: Partial<CreateServiceOptions> = {},
): Promise<{ service: Service; file: string; dir: string; cleanup: () => Promise<void> }> {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'library.sqlite');
  const service = await createService({ path: file, ...options });
  return {
    service,
    file,
    dir,
    cleanup: async () => {
      await service.close();
      cleanup();
    },
  };
}

export const FIXTURES = path.resolve(__dirname, '../fixtures');
