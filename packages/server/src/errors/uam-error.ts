import { ERROR_CODES, type ErrorCode } from './error-codes.ts';

/** The one error type services, adapters and jobs throw; `api/` maps `code` to an HTTP status. */
export class UamError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message?: string,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message ?? ERROR_CODES[code].message, options);
    this.name = 'UamError';
    this.code = code;
    this.details = details;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, details: this.details };
  }

  /** Rebuild an error that crossed a thread or process boundary as JSON. */
  static fromJSON(e: SerializedError): UamError {
    const code = (e.code in ERROR_CODES ? e.code : 'INTERNAL_ERROR') as ErrorCode;
    return new UamError(code, e.message, e.details ?? {});
  }
}

export interface SerializedError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export function isUamError(e: unknown): e is UamError {
  return e instanceof UamError;
}

/** Any thrown value as the wire shape, without leaking internals of unknown errors. */
export function serializeError(e: unknown): SerializedError {
  if (isUamError(e)) return e.toJSON();
  return { code: 'INTERNAL_ERROR', message: ERROR_CODES.INTERNAL_ERROR.message, details: {} };
}
