/**
 * Typed errors and warnings of the ML engine. The shape `{ code, message, details }` is the
 * engine-wide one, so these codes can join the engine's error catalog unchanged; only the
 * platform's `api/` layer decides HTTP statuses.
 */
export const ML_ERROR_CODES = {
  ML_BAD_PARAM: 'A parameter is out of range or of the wrong type',
  ML_NO_ROWS: 'There are no rows to learn from',
  ML_NO_FEATURES: 'There are no feature columns to learn from',
  ML_SHAPE_MISMATCH: 'Inputs have different lengths',
  ML_TARGET_NOT_FOUND: 'The target column is not in the data',
  ML_TARGET_ALL_MISSING: 'Every target value is missing',
  ML_TARGET_ONE_CLASS: 'The target has a single class; there is nothing to classify',
  ML_TARGET_NOT_NUMERIC: 'Regression needs a numeric target',
  ML_TARGET_INVALID: 'The target has values the objective cannot model',
  ML_FEATURE_NOT_FOUND: 'A column the model was trained on is missing from the data',
  ML_FEATURE_KIND_MISMATCH: 'A column has a different kind than at training time',
  ML_NON_FINITE: 'A value is NaN or infinite where a finite value is required',
  ML_UNKNOWN_CATEGORY: 'A category was not seen at training time',
  ML_NOT_FITTED: 'The model has not been fitted',
  ML_ARTIFACT_VERSION: 'The model artifact was written by a newer, incompatible version',
  ML_ARTIFACT_INVALID: 'The model artifact is malformed',
} as const;

export type MlErrorCode = keyof typeof ML_ERROR_CODES;

/** The error every ML function throws for bad input or bad parameters. */
export class MlError extends Error {
  readonly code: MlErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: MlErrorCode, message?: string, details: Record<string, unknown> = {}) {
    super(message ?? ML_ERROR_CODES[code]);
    this.name = 'MlError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: MlErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export function isMlError(e: unknown): e is MlError {
  return e instanceof MlError;
}

/**
 * Non-fatal conditions a fit reports in `model.warnings` instead of throwing: the result is
 * usable, but the caller should show the user why it may be worse than expected.
 */
export type MlWarningCode =
  | 'ML_NOT_CONVERGED'
  | 'ML_ROWS_DROPPED'
  | 'ML_CATEGORIES_GROUPED'
  | 'ML_CONSTANT_FEATURE'
  | 'ML_FEW_CLASS_MEMBERS';

export interface MlWarning {
  readonly code: MlWarningCode;
  readonly message: string;
  readonly details: Record<string, unknown>;
}

export function mlWarning(
  code: MlWarningCode,
  message: string,
  details: Record<string, unknown> = {},
): MlWarning {
  return { code, message, details };
}

/** Throws ML_BAD_PARAM unless `ok`; keeps parameter checks one line each. */
export function checkParam(ok: boolean, name: string, rule: string, value: unknown): void {
  if (!ok)
    throw new MlError('ML_BAD_PARAM', `${name} must be ${rule} (got ${String(value)})`, {
      param: name,
      value,
    });
}
