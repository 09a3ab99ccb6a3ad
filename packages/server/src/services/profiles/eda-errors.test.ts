import { describe, expect, it } from 'vitest';
import { UamError } from '../../errors/index.ts';
import { toEdaError } from './eda-errors.ts';

/** An engine error by shape (the mapping must not load the engine). */
function engineError(code: string, message: string, details: Record<string, unknown>): Error {
  return Object.assign(new Error(message), { name: 'EngineError', code, details });
}

describe('toEdaError', () => {
  it('turns invalid recipes into RECIPE_INVALID with the engine message and details', () => {
    const e = toEdaError(
      engineError('INVALID_OPTIONS', 'Invalid recipe: steps.0: bad', {
        option: 'recipe',
        issues: [{ path: 'steps.0', message: 'bad' }],
      }),
    );
    expect(e.code).toBe('RECIPE_INVALID');
    expect(e.message).toBe('Invalid recipe: steps.0: bad');
    expect(e.details).toMatchObject({ issues: [{ path: 'steps.0' }], engineCode: 'INVALID_OPTIONS' });
    expect(toEdaError(engineError('INVALID_OPTIONS', 'Step 2: x', { step: 1 })).code).toBe('RECIPE_INVALID');
  });

  it('maps other engine errors like dataset work', () => {
    expect(toEdaError(engineError('COLUMN_NOT_FOUND', 'Unknown column "a"', { column: 'a' })).code).toBe(
      'COLUMN_NOT_FOUND',
    );
    expect(toEdaError(engineError('INVALID_OPTIONS', 'seed must be…', { option: 'seed' })).code).toBe(
      'DATASET_OPTIONS_INVALID',
    );
    const own = new UamError('PROFILE_NOT_READY');
    expect(toEdaError(own)).toBe(own);
    expect(toEdaError(new Error('disk full')).code).toBe('JOB_FAILED');
  });
});
