/**
 * Association measures over row-aligned typed arrays, each on the rows where both inputs are
 * present (pandas' pairwise-complete convention). Numeric inputs use NaN for missing,
 * categorical inputs use codes 0..levels−1 and −1 for missing. Each returns `null` when the
 * measure is undefined (fewer than 2 rows, or a constant input).
 */

export interface Measure {
  value: number | null;
  n: number;
}

/** Pearson's r, two-pass: r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² Σ(y − ȳ)²). */
export function pearson(x: Float64Array, y: Float64Array): Measure {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (!Number.isNaN(a) && !Number.isNaN(b)) {
      n++;
      sx += a;
      sy += b;
    }
  }
  if (n < 2) return { value: null, n };
  const mx = sx / n;
  const my = sy / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (!Number.isNaN(a) && !Number.isNaN(b)) {
      const dx = a - mx;
      const dy = b - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
  }
  if (!(sxx > 0 && syy > 0)) return { value: null, n };
  return { value: clamp1(sxy / Math.sqrt(sxx * syy)), n };
}

/**
 * A numeric column ready for ranking: the rows of its non-missing values in ascending value
 * order, those values in that order (so ties are found by a sequential scan), and a 0/1 mask
 * of the rows where it is present. Built once per column and shared by every pair.
 */
export interface RankIndex {
  order: Uint32Array;
  sorted: Float64Array;
  present: Uint8Array;
  /** Average ranks over all of the column's own rows (NaN where missing). */
  ranks: Float64Array;
}

export function rankIndex(values: Float64Array, order: Uint32Array): RankIndex {
  const sorted = new Float64Array(order.length);
  const present = new Uint8Array(values.length);
  for (let k = 0; k < order.length; k++) {
    sorted[k] = values[order[k]];
    present[order[k]] = 1;
  }
  const index = { order, sorted, present, ranks: new Float64Array(values.length) };
  ranksWhereBoth(index, present, index.ranks);
  return index;
}

/**
 * Spearman's ρ: Pearson's r of the average ranks (ties share the mean of their positions),
 * ranked within the pairwise-complete rows as pandas does. Each pair costs linear time over
 * the precomputed `RankIndex`es. `buffers` (two arrays of the sample length) are reused across
 * pairs: allocating them per pair costs more than the ranking. When one column has no missing
 * value, the other's ranks over its own rows are already pairwise-complete and are reused.
 */
export function spearman(
  x: RankIndex,
  y: RankIndex,
  buffers: [Float64Array, Float64Array] = [
    new Float64Array(x.present.length),
    new Float64Array(x.present.length),
  ],
): Measure {
  const yComplete = y.order.length === y.present.length;
  const xComplete = x.order.length === x.present.length;
  const rx = yComplete ? x.ranks : ranksWhereBoth(x, y.present, buffers[0]);
  const ry = xComplete ? y.ranks : ranksWhereBoth(y, x.present, buffers[1]);
  return pearson(rx, ry);
}

/** Average ranks of the column on the rows where `other` is present too (NaN elsewhere). */
function ranksWhereBoth(v: RankIndex, other: Uint8Array, ranks: Float64Array): Float64Array {
  ranks.fill(Number.NaN);
  const { order, sorted } = v;
  const m = order.length;
  let pos = 0;
  let i = 0;
  while (i < m) {
    // One group of equal values; only rows where `other` is present take a position.
    const x = sorted[i];
    let j = i + 1;
    while (j < m && sorted[j] === x) j++;
    if (j === i + 1) {
      const row = order[i];
      if (other[row] === 1) ranks[row] = ++pos;
    } else {
      let members = 0;
      for (let k = i; k < j; k++) members += other[order[k]];
      const avg = pos + (members + 1) / 2;
      for (let k = i; k < j; k++) if (other[order[k]] === 1) ranks[order[k]] = avg;
      pos += members;
    }
    i = j;
  }
  return ranks;
}

/**
 * Cramér's V with Bergsma's (2013) bias correction, which keeps V near 0 for independent
 * variables with many levels: φ̃² = max(0, χ²/n − (k−1)(r−1)/(n−1)), r̃ = r − (r−1)²/(n−1),
 * k̃ = k − (k−1)²/(n−1), V = √(φ̃² / min(k̃ − 1, r̃ − 1)); r and k count the levels present.
 * χ² uses the identity χ² = n(Σ O²/(R_i C_j) − 1) over non-empty cells only.
 */
export function cramersV(a: Float64Array, la: number, b: Float64Array, lb: number): Measure {
  const table = new Float64Array(la * lb);
  const rowSums = new Float64Array(la);
  const colSums = new Float64Array(lb);
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const p = a[i];
    const q = b[i];
    if (p >= 0 && q >= 0) {
      table[p * lb + q]++;
      rowSums[p]++;
      colSums[q]++;
      n++;
    }
  }
  if (n < 2) return { value: null, n };
  let s = 0;
  for (let p = 0; p < la; p++) {
    if (rowSums[p] === 0) continue;
    for (let q = 0; q < lb; q++) {
      const o = table[p * lb + q];
      if (o > 0) s += (o * o) / (rowSums[p] * colSums[q]);
    }
  }
  const r = countPositive(rowSums);
  const k = countPositive(colSums);
  const phi2 = Math.max(0, s - 1);
  const phi2c = Math.max(0, phi2 - ((k - 1) * (r - 1)) / (n - 1));
  const rc = r - (r - 1) ** 2 / (n - 1);
  const kc = k - (k - 1) ** 2 / (n - 1);
  const d = Math.min(kc - 1, rc - 1);
  if (!(d > 0)) return { value: null, n };
  return { value: Math.min(1, Math.sqrt(phi2c / d)), n };
}

/** Correlation ratio η = √(Σ_k n_k (ȳ_k − ȳ)² / Σ (y − ȳ)²), categorical `a` explaining numeric `y`. */
export function correlationRatio(a: Float64Array, levels: number, y: Float64Array): Measure {
  const sums = new Float64Array(levels);
  const counts = new Float64Array(levels);
  let n = 0;
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const g = a[i];
    const v = y[i];
    if (g >= 0 && !Number.isNaN(v)) {
      sums[g] += v;
      counts[g]++;
      total += v;
      n++;
    }
  }
  if (n < 2) return { value: null, n };
  const mean = total / n;
  let ssTotal = 0;
  for (let i = 0; i < a.length; i++) {
    const v = y[i];
    if (a[i] >= 0 && !Number.isNaN(v)) ssTotal += (v - mean) * (v - mean);
  }
  if (!(ssTotal > 0)) return { value: null, n };
  let ssBetween = 0;
  for (let g = 0; g < levels; g++) {
    if (counts[g] > 0) {
      const d = sums[g] / counts[g] - mean;
      ssBetween += counts[g] * d * d;
    }
  }
  return { value: Math.min(1, Math.sqrt(ssBetween / ssTotal)), n };
}

function countPositive(a: Float64Array): number {
  let c = 0;
  for (let i = 0; i < a.length; i++) if (a[i] > 0) c++;
  return c;
}

function clamp1(r: number): number {
  return Math.max(-1, Math.min(1, r));
}
