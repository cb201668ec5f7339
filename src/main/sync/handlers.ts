import type { SyncOutputs } from '../../shared/api/sync';
import type { Handlers, ServiceContext } from '../context/service-context';
import { createSyncController, type SyncControllerOptions } from './controller';

/** The sync slice of the contract: start (returns at once), cancel, status. */
export function syncHandlers(
  ctx: ServiceContext,
  options: SyncControllerOptions = {},
): Handlers<keyof SyncOutputs> {
  const controller = createSyncController(ctx, options);
  // A run in flight is stopped (between days: a day is never half written) before the library closes.
  ctx.onClose(() => controller.close());
  return {
    startSync: (input) => controller.start(input),
    cancelSync: async () => ({ run: await controller.cancel() }),
    getSyncStatus: () => controller.status(),
  };
}
