/**
 * Every error that crosses a door (IPC, HTTP, CLI) is one of these codes plus a
 * message a person can read. Stack traces stay in the main process log.
 */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'unauthorized',
  'network',
  'rate_limited',
  'cancelled',
  'bad_file',
  'unsupported',
  'library_too_new',
  'library_damaged',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorData {
  code: ErrorCode;
  message: string;
}

/** Thrown inside the main process; turned into {@link ApiErrorData} at the door. */
export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  toData(): ApiErrorData {
    return { code: this.code, message: this.message };
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

/** The client-side twin of AppError: what a rejected API call throws in the renderer. */
export class ApiError extends Error {
  readonly code: ErrorCode;

  constructor(data: ApiErrorData) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
  }
}
