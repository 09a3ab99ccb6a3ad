/**
 * scikit-learn's `StratifiedKFold(shuffle=True, random_state=seed)` and `KFold(...)` reproduced
 * exactly (numpy's legacy MT19937 `RandomState` and its `shuffle`), so the bench scores the
 * same folds BASELINES.md was measured on, with or without Python on the machine.
 */
class LegacyMt19937 {
  private readonly mt = new Uint32Array(624);
  private pos = 624;

  constructor(seed: number) {
    this.mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const prev = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      this.mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
  }

  nextUint32(): number {
    const mt = this.mt;
    if (this.pos >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
        mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.pos = 0;
    }
    let y = mt[this.pos++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** numpy `random_interval(max)`: uniform in [0, max] by masked rejection. */
  interval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    let v = (this.nextUint32() & mask) >>> 0;
    while (v > max) v = (this.nextUint32() & mask) >>> 0;
    return v;
  }

  /** numpy `RandomState.permutation(n)`. */
  permutation(n: number): Int32Array {
    const a = new Int32Array(n);
    for (let i = 0; i < n; i++) a[i] = i;
    this.shuffle(a);
    return a;
  }

  shuffle(a: Int32Array): void {
    for (let i = a.length - 1; i >= 1; i--) {
      const j = this.interval(i);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}

export interface Fold {
  train: Uint32Array;
  test: Uint32Array;
}

function foldsFrom(testFold: Int32Array, k: number): Fold[] {
  const out: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const test: number[] = [];
    const train: number[] = [];
    for (let i = 0; i < testFold.length; i++) (testFold[i] === f ? test : train).push(i);
    out.push({ train: Uint32Array.from(train), test: Uint32Array.from(test) });
  }
  return out;
}

export function sklearnStratifiedKFold(y: ArrayLike<number>, k: number, seed: number): Fold[] {
  const n = y.length;
  const rng = new LegacyMt19937(seed);
  // Classes are re-encoded by order of first appearance, as scikit-learn does.
  const firstSeen = new Map<number, number>();
  const enc = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!firstSeen.has(y[i])) firstSeen.set(y[i], firstSeen.size);
    enc[i] = firstSeen.get(y[i])!;
  }
  const nClasses = firstSeen.size;
  const sorted = Int32Array.from(enc).sort();
  const allocation = Array.from({ length: k }, () => new Int32Array(nClasses));
  for (let f = 0; f < k; f++) for (let i = f; i < n; i += k) allocation[f][sorted[i]]++;
  const testFold = new Int32Array(n);
  for (let c = 0; c < nClasses; c++) {
    const folds: number[] = [];
    for (let f = 0; f < k; f++) for (let r = 0; r < allocation[f][c]; r++) folds.push(f);
    const arr = Int32Array.from(folds);
    rng.shuffle(arr);
    let j = 0;
    for (let i = 0; i < n; i++) if (enc[i] === c) testFold[i] = arr[j++];
  }
  return foldsFrom(testFold, k);
}

export function sklearnKFold(n: number, k: number, seed: number): Fold[] {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  new LegacyMt19937(seed).shuffle(idx);
  const testFold = new Int32Array(n);
  let pos = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    for (let r = 0; r < size; r++) testFold[idx[pos++]] = f;
  }
  return foldsFrom(testFold, k);
}

/** scikit-learn `_approximate_mode`: split `n` draws across classes proportionally, ties by rng. */
function approximateMode(counts: number[], n: number, rng: LegacyMt19937): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  const continuous = counts.map((c) => (c / total) * n);
  const floored = continuous.map(Math.floor);
  let need = n - floored.reduce((a, b) => a + b, 0);
  if (need > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const v of values) {
      const inds = remainder.flatMap((r, i) => (r === v ? [i] : []));
      const take = Math.min(inds.length, need);
      const perm = rng.permutation(inds.length);
      for (let j = 0; j < take; j++) floored[inds[perm[j]]]++;
      need -= take;
      if (need === 0) break;
    }
  }
  return floored;
}

/**
 * `train_test_split(..., test_size, stratify=y, random_state=seed)` for integer labels: the same
 * rows, in the same (shuffled) order, as scikit-learn.
 */
export function sklearnStratifiedTrainTestSplit(y: ArrayLike<number>, testSize: number, seed: number): Fold {
  const n = y.length;
  const nTest = Math.ceil(testSize * n);
  const nTrain = n - nTest;
  // Typed arrays throughout: the speed bench measures RSS, and million-element JS arrays would
  // leave the heap grown by tens of MB before the fit starts.
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) seen.add(y[i]);
  const classes = [...seen].sort((a, b) => a - b);
  const classOf = new Map(classes.map((c, i) => [c, i]));
  const counts = classes.map(() => 0);
  for (let i = 0; i < n; i++) counts[classOf.get(y[i])!]++;
  // Rows of class c are byClass[start[c] .. start[c] + counts[c]), in row order.
  const start = new Int32Array(classes.length + 1);
  for (let c = 0; c < classes.length; c++) start[c + 1] = start[c] + counts[c];
  const byClass = new Int32Array(n);
  const fill = start.slice(0, classes.length);
  for (let i = 0; i < n; i++) byClass[fill[classOf.get(y[i])!]++] = i;
  const rng = new LegacyMt19937(seed);
  const nI = approximateMode(counts, nTrain, rng);
  const tI = approximateMode(
    counts.map((c, i) => c - nI[i]),
    nTest,
    rng,
  );
  // x[permutation(m)] is x shuffled in place with the same swaps (the same draws), so the
  // segments and the two parts are shuffled where they lie instead of through index arrays.
  const train = new Int32Array(nTrain);
  const test = new Int32Array(nTest);
  let nTr = 0;
  let nTe = 0;
  for (let c = 0; c < classes.length; c++) {
    const seg = byClass.subarray(start[c], start[c] + counts[c]);
    rng.shuffle(seg);
    train.set(seg.subarray(0, nI[c]), nTr);
    test.set(seg.subarray(nI[c], nI[c] + tI[c]), nTe);
    nTr += nI[c];
    nTe += tI[c];
  }
  rng.shuffle(train);
  rng.shuffle(test);
  return { train: new Uint32Array(train.buffer), test: new Uint32Array(test.buffer) };
}
