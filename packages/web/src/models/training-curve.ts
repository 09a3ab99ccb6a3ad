/** One point of a live training curve, read from a `model.train` job's progress message. */
export interface CurvePoint {
  iteration: number;
  maxIter: number;
  trainLoss?: number;
  validationLoss?: number;
}

const ITERATION = /iteration (\d+)\/(\d+)/i;
const TRAIN = /train loss (-?[\d.]+(?:e[-+]?\d+)?)/i;
const VALIDATION = /validation loss (-?[\d.]+(?:e[-+]?\d+)?)/i;

/**
 * Parses "Training: iteration 12/100 · train loss 0.31234 · validation loss 0.33120".
 *
 * ### Example
 * ```ts
 * parseIteration('Training: iteration 3/50 · train loss 0.5'); // { iteration: 3, maxIter: 50, trainLoss: 0.5 }
 * ```
 */
export function parseIteration(message: string | null | undefined): CurvePoint | null {
  const m = message ? ITERATION.exec(message) : null;
  if (!m) return null;
  const point: CurvePoint = { iteration: Number(m[1]), maxIter: Number(m[2]) };
  const t = TRAIN.exec(message!);
  const v = VALIDATION.exec(message!);
  if (t) point.trainLoss = Number(t[1]);
  if (v) point.validationLoss = Number(v[1]);
  return point;
}

/**
 * Adds a point to a curve kept in iteration order. Progress messages are throttled, so points
 * arrive sparse and may repeat; a new fold (iteration going back to 1) starts a new curve.
 */
export function addPoint(curve: readonly CurvePoint[], point: CurvePoint | null): readonly CurvePoint[] {
  if (!point) return curve;
  const last = curve.at(-1);
  if (last && point.iteration === last.iteration) return curve;
  if (last && point.iteration < last.iteration) return [point];
  return [...curve, point];
}
