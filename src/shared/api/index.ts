import type { z } from 'zod';
import { backupInputs, type BackupOutputs } from './backup';
import { dailyInputs, type DailyOutputs } from './daily';
import { discoveryInputs, type DiscoveryOutputs } from './discovery';
import { ioInputs, type IoOutputs } from './io';
import { libraryInputs, type LibraryOutputs } from './library';
import { notesInputs, type NotesOutputs } from './notes';
import { pdfInputs, type PdfOutputs } from './pdf';
import { replicationInputs, type ReplicationOutputs } from './replication';
import { searchInputs, type SearchOutputs } from './search';
import { settingsInputs, type SettingsOutputs } from './settings';
import { syncInputs, type SyncOutputs } from './sync';

/**
 * The LibraryApi contract, written once. Each domain contributes a map of input
 * schemas and an interface of outputs; the service's handler types, the preload
 * bridge, the HTTP server and the renderer's client are all derived from these.
 */
export const apiInputSchemas = {
  ...libraryInputs,
  ...settingsInputs,
  ...syncInputs,
  ...ioInputs,
  ...pdfInputs,
  ...backupInputs,
  ...searchInputs,
  ...dailyInputs,
  ...discoveryInputs,
  ...notesInputs,
  ...replicationInputs,
} as const;

export type ApiOutputs = LibraryOutputs &
  SettingsOutputs &
  SyncOutputs &
  IoOutputs &
  PdfOutputs &
  BackupOutputs &
  SearchOutputs &
  DailyOutputs &
  DiscoveryOutputs &
  NotesOutputs &
  ReplicationOutputs;

export type ApiMethod = keyof typeof apiInputSchemas;
/** What a caller passes (defaults may be omitted). */
export type ApiInput<M extends ApiMethod> = z.input<(typeof apiInputSchemas)[M]>;
/** What a handler receives, after validation and defaults. */
export type ApiParsedInput<M extends ApiMethod> = z.output<(typeof apiInputSchemas)[M]>;
export type ApiOutput<M extends ApiMethod> = ApiOutputs[M];

/** The one API every door offers. Rejects with ApiError (renderer) or AppError (main). */
export type LibraryApi = {
  [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiOutput<M>>;
};

export const API_METHODS = Object.keys(apiInputSchemas) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiInputSchemas, name);
}

// Compile-time guard: every method has an output type and every output a method.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const contractIsComplete: Exactly<ApiMethod, keyof ApiOutputs> = true;
void contractIsComplete;

export * from './backup';
export * from './daily';
export * from './discovery';
export * from './io';
export * from './library';
export * from './notes';
export * from './pdf';
export * from './replication';
export * from './search';
export * from './settings';
export * from './sync';
