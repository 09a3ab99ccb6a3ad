import { type ErrorCode, isUamError, UamError } from '../../errors/index.ts';
import { toDatasetError } from '../datasets/dataset-errors.ts';

/** ML engine codes → platform codes, for training (bad data) and prediction (bad rows). */
const TRAIN: Record<string, ErrorCode> = {
  ML_BAD_PARAM: 'MODEL_BAD_PARAM',
  ML_NO_ROWS: 'MODEL_TOO_FEW_ROWS',
  ML_NO_FEATURES: 'MODEL_NO_FEATURES',
  ML_TARGET_NOT_FOUND: 'MODEL_TARGET_NOT_FOUND',
  ML_TARGET_ALL_MISSING: 'MODEL_TARGET_ALL_MISSING',
  ML_TARGET_ONE_CLASS: 'MODEL_TARGET_ONE_CLASS',
  ML_TARGET_NOT_NUMERIC: 'MODEL_TARGET_NOT_NUMERIC',
  ML_TARGET_INVALID: 'MODEL_TARGET_INVALID',
  ML_NON_FINITE: 'MODEL_DATA_INVALID',
  ML_FEATURE_KIND_MISMATCH: 'MODEL_DATA_INVALID',
  ML_SHAPE_MISMATCH: 'MODEL_DATA_INVALID',
  ML_FEATURE_NOT_FOUND: 'MODEL_DATA_INVALID',
  ML_UNKNOWN_CATEGORY: 'MODEL_DATA_INVALID',
  ML_ARTIFACT_VERSION: 'MODEL_ARTIFACT_INVALID',
  ML_ARTIFACT_INVALID: 'MODEL_ARTIFACT_INVALID',
};

const PREDICT: Record<string, ErrorCode> = {
  ...TRAIN,
  ML_NON_FINITE: 'MODEL_INPUT_INVALID',
  ML_FEATURE_KIND_MISMATCH: 'MODEL_INPUT_INVALID',
  ML_SHAPE_MISMATCH: 'MODEL_INPUT_INVALID',
  ML_FEATURE_NOT_FOUND: 'MODEL_INPUT_INVALID',
  ML_UNKNOWN_CATEGORY: 'MODEL_INPUT_INVALID',
  ML_BAD_PARAM: 'MODEL_INPUT_INVALID',
};

/** The engine's `MlError`, recognised by shape so this module does not load the engine. */
function isMlError(e: unknown): e is Error & { code: string; details: Record<string, unknown> } {
  return e instanceof Error && e.name === 'MlError' && typeof (e as { code?: unknown }).code === 'string';
}

/** Any error of a training run as a UamError; data errors are 4xx, so the job is not retried. */
export function toTrainError(err: unknown): UamError {
  if (isUamError(err)) return err;
  if (isMlError(err)) {
    return new UamError(TRAIN[err.code] ?? 'MODEL_DATA_INVALID', err.message, {
      ...err.details,
      mlCode: err.code,
    });
  }
  return toDatasetError(err);
}

/** Any error of a prediction as a UamError; unknown ones stay internal (a logged 500). */
export function toPredictError(err: unknown): unknown {
  if (isUamError(err)) return err;
  if (isMlError(err)) {
    return new UamError(PREDICT[err.code] ?? 'MODEL_INPUT_INVALID', err.message, {
      ...err.details,
      mlCode: err.code,
    });
  }
  return err;
}
