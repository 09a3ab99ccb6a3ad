import { isUamError, UamError } from '../../errors/index.ts';
import { toDatasetError } from '../datasets/dataset-errors.ts';

/**
 * Engine errors of profile, clean and drift work as UamErrors. A bad recipe (a schema issue,
 * a step that names a column the table does not have at that point, an expression that does
 * not parse, a constant DuckDB cannot cast) is RECIPE_INVALID with the engine's message and
 * its `issues`/`step` details; everything else maps like dataset work.
 */
export function toEdaError(err: unknown): UamError {
  if (isUamError(err)) return err;
  if (err instanceof Error && err.name === 'EngineError') {
    const e = err as Error & { code: string; details: Record<string, unknown> };
    const recipe = e.details?.option === 'recipe' || typeof e.details?.step === 'number';
    if (e.code === 'INVALID_OPTIONS' && recipe) {
      return new UamError('RECIPE_INVALID', e.message, { ...e.details, engineCode: e.code });
    }
  }
  return toDatasetError(err);
}
