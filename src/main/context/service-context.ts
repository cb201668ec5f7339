import type { ApiMethod, ApiOutput, ApiParsedInput } from '../../shared/api';
import type { LibraryDb } from '../db/connection';
import type { EventBus } from './events';

/** What every handler module receives. */
export interface ServiceContext {
  lib: LibraryDb;
  events: EventBus;
  appVersion: string;
  /** Environment overrides (feed URL and so on); defaults to process.env. */
  env: NodeJS.ProcessEnv;
  /** Register cleanup (timers, workers, in-flight syncs) run when the service closes. */
  onClose(cleanup: () => void | Promise<void>): void;
}

/** A slice of the contract's handlers: validated input in, output out. */
export type Handlers<M extends ApiMethod> = {
  [K in M]: (input: ApiParsedInput<K>) => Promise<ApiOutput<K>>;
};

export type ApiHandlers = Handlers<ApiMethod>;
