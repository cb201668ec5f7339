import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Service } from '../../src/main/service';
import { SETTING_DEFAULTS } from '../../src/shared/api/settings';
import { tempService } from '../helpers/library';

let service: Service;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ service, cleanup } = await tempService()));
afterEach(() => cleanup());

it('reads defaults, and an update changes only the keys it names', async () => {
  expect(await service.api.getSettings({})).toEqual(SETTING_DEFAULTS);
  await service.api.updateSettings({
    changes: { feedUrl: 'http://127.0.0.1:8080/', theme: 'dark' },
  });
  const after = await service.api.updateSettings({ changes: { syncIntervalHours: 1 } });
  expect(after).toEqual({
    ...SETTING_DEFAULTS,
    feedUrl: 'http://127.0.0.1:8080/',
    theme: 'dark',
    syncIntervalHours: 1,
  });
  expect(await service.api.getSettings({})).toEqual(after);
});

it('refuses bad values and unknown keys without writing', async () => {
  for (const changes of [
    { theme: 'neon' },
    { feedUrl: 'javascript:alert(1)' },
    { backupKeep: 0 },
    { nope: true },
  ]) {
    const result = await service.dispatch('updateSettings', { changes });
    expect(result.ok, JSON.stringify(changes)).toBe(false);
  }
  expect(await service.api.getSettings({})).toEqual(SETTING_DEFAULTS);
});
