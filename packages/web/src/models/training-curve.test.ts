import { describe, expect, it } from 'vitest';
import { addPoint, parseIteration } from './training-curve.ts';

describe('training curve', () => {
  it('parses iteration messages with optional losses', () => {
    expect(
      parseIteration('Training: iteration 12/100 · train loss 0.31234 · validation loss 0.33120'),
    ).toEqual({
      iteration: 12,
      maxIter: 100,
      trainLoss: 0.31234,
      validationLoss: 0.3312,
    });
    expect(parseIteration('Fold 2/5: iteration 3/50 · train loss 1.5e-3')).toEqual({
      iteration: 3,
      maxIter: 50,
      trainLoss: 0.0015,
    });
    expect(parseIteration('Reading the dataset version')).toBeNull();
    expect(parseIteration(null)).toBeNull();
  });

  it('keeps points in order, skips repeats and restarts on a new fold', () => {
    let c = addPoint([], { iteration: 1, maxIter: 10 });
    c = addPoint(c, { iteration: 1, maxIter: 10 });
    c = addPoint(c, { iteration: 4, maxIter: 10 });
    expect(c.map((p) => p.iteration)).toEqual([1, 4]);
    c = addPoint(c, { iteration: 2, maxIter: 10 });
    expect(c.map((p) => p.iteration)).toEqual([2]);
    expect(addPoint(c, null)).toBe(c);
  });
});
