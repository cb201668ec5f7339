import { describe, expect, it } from 'vitest';
import { tempService } from '../helpers/library';

describe('smoke', () => {
  it('opens a new library with the sample', async () => {
    const { service, cleanup } = await tempService();
    const info = await service.api.getLibraryInfo({});
    expect(info.paperCount).toBe(78);
    const page = await service.api.listPapers({ view: 'inbox', limit: 5 });
    console.log(page.papers[0]);
    await cleanup();
  });
});
