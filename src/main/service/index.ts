import type { ZodError } from 'zod';
import {
  apiInputSchemas,
  isApiMethod,
  type ApiMethod,
  type ApiOutput,
  type LibraryApi,
} from '../../shared/api';
import { AppError, type ApiErrorData, type Result } from '../../shared/errors';
import {
  openLibrary,
  type LibraryDb,
  type OpeningPolicy,
  type OpenLibraryOptions,
} from '../db/connection';
import { backupOpeningPolicy } from '../backup/opening-policy';
import { APP_VERSION } from '../util/app-version';
import { backupHandlers } from '../backup/handlers';
import { createEventBus, type EventBus } from '../context/events';
import { dailyHandlers } from '../daily/handlers';
import { ioHandlers } from '../io/handlers';
import { libraryHandlers } from '../library/handlers';
import { notesHandlers } from '../library/notes-handlers';
import { loadSample } from '../library/sample';
import { cachedPdfIds } from '../pdf';
import { pdfHandlers } from '../pdf/handlers';
import { discoveryHandlers, type DiscoveryOptions } from '../discovery/handlers';
import { searchHandlers, type IndexAccess } from '../search/handlers';
import { createReplication, type ReplicationControl } from '../replication/control';
import { settingsHandlers } from '../settings/handlers';
import { syncHandlers } from '../sync/handlers';
import type { ApiHandlers, ServiceContext } from '../context/service-context';
import type { View } from '../../shared/domain';

export { APP_VERSION };

/** The one service behind every door. */
export interface Service {
  /** Validate, run and turn any failure into typed data. What doors call. */
  dispatch(method: string, input: unknown): Promise<Result<unknown>>;
  /** In-process typed API (CLI, tests): rejects with AppError. */
  api: LibraryApi;
  events: EventBus;
  lib: LibraryDb;
  /** Several devices: link state, live replication (started by the doors), exchange once. */
  replication: ReplicationControl;
  close(): Promise<void>;
}

export interface CreateServiceOptions extends Omit<OpenLibraryOptions, 'policy'> {
  /** How damage and upgrades are handled on open (default: the backup policy). */
  policy?: OpeningPolicy;
  /** Seed a brand-new library with the bundled sample papers (default true). */
  seedSample?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Discovery's training slices (tests make every pause a real turn for other work). */
  discovery?: DiscoveryOptions;
}

export async function createService(options: CreateServiceOptions): Promise<Service> {
  const lib = await openLibrary({ ...options, policy: options.policy ?? backupOpeningPolicy });
  if (lib.isNew && options.seedSample !== false) loadSample(lib.sqlite);
  const events = createEventBus();
  const closers: Array<() => void | Promise<void>> = [];
  const ctx: ServiceContext = {
    lib,
    events,
    appVersion: APP_VERSION,
    env: options.env ?? process.env,
    onClose: (cleanup) => closers.push(cleanup),
  };
  let index: IndexAccess | null = null;
  const search = searchHandlers(ctx, (access) => (index = access));
  // Linked libraries record every edit from here on, whichever door made it.
  const replication = await createReplication(ctx);
  const handlers: ApiHandlers = {
    ...libraryHandlers(ctx),
    ...notesHandlers(ctx),
    ...settingsHandlers(ctx),
    ...syncHandlers(ctx),
    ...ioHandlers(ctx, {
      searchIds: (query, scope) => allSearchIds(search, query, scope),
      cachedPdfIds,
    }),
    ...pdfHandlers(ctx),
    ...backupHandlers(ctx),
    ...search,
    ...dailyHandlers(ctx, { search: search.search }),
    ...discoveryHandlers(ctx, () => index!, options.discovery),
    ...replication.handlers,
  };
  return assemble(ctx, handlers, closers, replication.control);
}

/** Every match of a query, page by page (exports take all of them, not one screenful). */
async function allSearchIds(
  search: Pick<ApiHandlers, 'search'>,
  query: string,
  scope: { view?: View; tag?: string; day?: string },
): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await search.search({
      query,
      view: scope.view ?? 'all',
      tag: scope.tag,
      day: scope.day,
      offset,
      limit: 1000,
    });
    ids.push(...page.results.map((r) => r.paper.id));
    if (page.results.length === 0 || ids.length >= page.total) return ids;
  }
}

function assemble(
  ctx: ServiceContext,
  handlers: ApiHandlers,
  closers: Array<() => void | Promise<void>>,
  replication: ReplicationControl,
): Service {
  async function run<M extends ApiMethod>(method: M, input: unknown): Promise<ApiOutput<M>> {
    const schema = apiInputSchemas[method];
    const parsed = schema.safeParse(input ?? {});
    if (!parsed.success)
      throw new AppError('invalid_input', describeZodError(method, parsed.error));
    const handler = handlers[method] as (input: unknown) => Promise<ApiOutput<M>>;
    return handler(parsed.data);
  }

  async function dispatch(method: string, input: unknown): Promise<Result<unknown>> {
    if (!isApiMethod(method)) {
      return {
        ok: false,
        error: { code: 'not_found', message: `Unknown API method “${method.slice(0, 60)}”` },
      };
    }
    try {
      return { ok: true, value: await run(method, input) };
    } catch (error) {
      return { ok: false, error: toErrorData(error) };
    }
  }

  const api = Object.fromEntries(
    Object.keys(apiInputSchemas).map((method) => [
      method,
      (input: unknown) => run(method as ApiMethod, input),
    ]),
  ) as LibraryApi;

  return {
    dispatch,
    api,
    events: ctx.events,
    lib: ctx.lib,
    replication,
    async close() {
      for (const closer of closers.reverse()) await closer();
      await ctx.lib.close();
    },
  };
}

export function describeZodError(method: string, error: ZodError): string {
  const first = error.issues[0];
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return `Invalid input for ${method}: ${where}${first.message}${more}`;
}

/** Every failure becomes a code and a readable message; stacks go to the log only. */
export function toErrorData(error: unknown): ApiErrorData {
  if (error instanceof AppError) return error.toData();
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    if (error.code === 'SQLITE_FULL') return { code: 'internal', message: 'The disk is full' };
    if (error.code.startsWith('SQLITE_CONSTRAINT')) {
      return {
        code: 'conflict',
        message: 'That change conflicts with data already in the library',
      };
    }
    if (error.code === 'SQLITE_BUSY') {
      return { code: 'conflict', message: 'The library is busy in another process; try again' };
    }
    if (error.code.startsWith('SQLITE_READONLY')) {
      // A restore holds writes back for a moment (backup/manager.ts), or the file is read-only.
      return { code: 'conflict', message: 'The library cannot be changed right now; try again' };
    }
  }
  console.error('papershelf: unexpected error', error);
  return {
    code: 'internal',
    message: `Something went wrong: ${error instanceof Error ? error.message : String(error)}`,
  };
}
