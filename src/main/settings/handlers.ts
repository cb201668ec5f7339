import type { SettingsOutputs } from '../../shared/api/settings';
import type { Handlers, ServiceContext } from '../context/service-context';
import { readSettings, writeSettings } from '../library/settings-repo';

export function settingsHandlers(ctx: ServiceContext): Handlers<keyof SettingsOutputs> {
  const { db } = ctx.lib;
  return {
    getSettings: () => readSettings(db),
    async updateSettings({ changes }) {
      await writeSettings(db, changes);
      const settings = await readSettings(db);
      ctx.events.emit({ type: 'settings-changed', settings });
      return settings;
    },
  };
}
