import { MlError } from '../errors.ts';
import { Rng } from '../random.ts';

/**
 * Silhouette coefficient of each row: s = (b − a) / max(a, b), a = mean distance to its own
 * cluster, b = smallest mean distance to another cluster (Euclidean); 0 for singleton
 * clusters. `X` is row-major n×d. O(n²d).
 */
export function silhouetteSamples(
  X: ArrayLike<number>,
  nFeatures: number,
  labels: ArrayLike<number>,
): Float64Array {
  const n = labels.length;
  if (X.length !== n * nFeatures) throw new MlError('ML_SHAPE_MISMATCH', 'X is not n×d');
  let k = 0;
  for (let i = 0; i < n; i++) k = Math.max(k, labels[i] + 1);
  const size = new Float64Array(k);
  for (let i = 0; i < n; i++) size[labels[i]]++;
  let used = 0;
  for (let c = 0; c < k; c++) if (size[c] > 0) used++;
  if (used < 2 || used > n - 1) {
    throw new MlError('ML_BAD_PARAM', `Silhouette needs 2 ≤ clusters ≤ n − 1 (got ${used} for ${n} rows)`);
  }
  const out = new Float64Array(n);
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      let d2 = 0;
      for (let f = 0; f < nFeatures; f++) {
        const d = X[i * nFeatures + f] - X[j * nFeatures + f];
        d2 += d * d;
      }
      sums[labels[j]] += Math.sqrt(d2);
    }
    const own = labels[i];
    if (size[own] <= 1) continue;
    const a = sums[own] / (size[own] - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) if (c !== own && size[c] > 0) b = Math.min(b, sums[c] / size[c]);
    const m = Math.max(a, b);
    out[i] = m === 0 ? 0 : (b - a) / m;
  }
  return out;
}

/**
 * Mean silhouette coefficient. With `sampleSize` (and a seed) it scores a random subset of rows,
 * as scikit-learn's `sample_size`, keeping large inputs affordable.
 */
export function silhouetteScore(
  X: ArrayLike<number>,
  nFeatures: number,
  labels: ArrayLike<number>,
  opts: { sampleSize?: number; seed?: number } = {},
): number {
  let data = X;
  let lab = labels;
  if (opts.sampleSize !== undefined && opts.sampleSize < labels.length) {
    const rows = new Rng(opts.seed ?? 0).sample(labels.length, opts.sampleSize);
    const sx = new Float64Array(rows.length * nFeatures);
    const sl = new Int32Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      sl[r] = labels[rows[r]];
      for (let f = 0; f < nFeatures; f++) sx[r * nFeatures + f] = X[rows[r] * nFeatures + f];
    }
    data = sx;
    lab = sl;
  }
  const s = silhouetteSamples(data, nFeatures, lab);
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += s[i];
  return sum / s.length;
}
