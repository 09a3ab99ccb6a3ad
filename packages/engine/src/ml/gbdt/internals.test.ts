import { describe, expect, it } from 'vitest';
import { Matrix } from '../matrix.ts';
import { Rng } from '../random.ts';
import { binMatrix, fitBinning } from './binning.ts';
import { shouldStop } from './boosting.ts';
import { type GbdtEnsemble, predictEnsembleRaw } from './ensemble.ts';
import { GbdtClassifier } from './gbdt-classifier.ts';
import {
  buildHistogram,
  featureSet,
  gatherGradients,
  histogramSize,
  makeLayout,
  orderedRowKernel,
  rowKernel,
  subtractHistogram,
} from './histogram.ts';
import { addTreeByMasks } from './leaf-masks.ts';
import { LeafTableKernel } from './leaf-tables.ts';
import { FitPool } from './parallel.ts';
import { PARTITION_CHUNK, partitionChunk, placeChunks } from './partition.ts';
import { findBestSplit, hasBit } from './split.ts';
import { addTreePrediction, TreeBuilder } from './tree.ts';

describe('binning', () => {
  it('uses midpoints between distinct values when there are few of them', () => {
    const X = Matrix.fromColumns([{ name: 'a', kind: 'numeric', values: [3, 1, 2, 2, Number.NaN, 1] }]);
    const { features } = fitBinning(X, { maxBins: 255, subsample: 200_000, seed: 0 });
    expect(Array.from(features[0].thresholds)).toEqual([1.5, 2.5]);
    expect(features[0].nBins).toBe(3);
    const b = binMatrix(X, features);
    expect(Array.from(b.bins)).toEqual([2, 0, 1, 1, 3, 0]);
  });

  it('uses quantiles with at most maxBins bins otherwise', () => {
    const rng = new Rng(1);
    const values = Float64Array.from({ length: 5000 }, () => rng.normal());
    const X = Matrix.fromColumns([{ name: 'a', kind: 'numeric', values }]);
    const { features } = fitBinning(X, { maxBins: 16, subsample: 200_000, seed: 0 });
    expect(features[0].nBins).toBe(16);
    const counts = new Array(17).fill(0);
    for (const v of binMatrix(X, features).bins) counts[v]++;
    for (let b = 0; b < 16; b++) expect(Math.abs(counts[b] - 5000 / 16)).toBeLessThan(5);
  });

  it('maps categories to bins and unseen levels to the unknown bin', () => {
    const X = Matrix.fromColumns([{ name: 'c', kind: 'categorical', values: ['b', 'a', null, 'b'] }]);
    const { features } = fitBinning(X, { maxBins: 255, subsample: 200_000, seed: 0 });
    const later = Matrix.fromColumns([{ name: 'c', kind: 'categorical', values: ['zzz', 'a', 'b', null] }]);
    expect(Array.from(binMatrix(later, features).bins)).toEqual([2, 0, 1, 3]);
  });
});

describe('histograms', () => {
  it('parent − child equals the sibling built from its rows', () => {
    const rng = new Rng(2);
    const n = 1000;
    const nBins = [5, 9];
    const layout = makeLayout(nBins);
    const bins = new Uint8Array(2 * n);
    for (let i = 0; i < n; i++) {
      bins[2 * i] = rng.nextInt(6);
      bins[2 * i + 1] = rng.nextInt(10);
    }
    const g = Float32Array.from({ length: n }, () => rng.normal());
    const h = Float32Array.from({ length: n }, () => rng.next());
    const fs = featureSet(layout, Int32Array.of(0, 1));
    const build = (rows: number[] | null): Float64Array => {
      const hist = new Float64Array(histogramSize(layout));
      const r = rows === null ? null : Uint32Array.from(rows);
      buildHistogram(bins, 2, fs, 0, 2, r, 0, rows === null ? n : rows.length, g, h, hist);
      return hist;
    };
    const all = build(null);
    const left = Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 === 0);
    const right = Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 0);
    const sub = new Float64Array(all.length);
    subtractHistogram(all, build(left), sub);
    const direct = build(right);
    for (let k = 0; k < sub.length; k++) expect(sub[k]).toBeCloseTo(direct[k], 9);
    let count = 0;
    for (let k = 2; k < all.length; k += 3) count += all[k];
    expect(count).toBe(2 * n);
  });
});

describe('generated histogram kernels', () => {
  it('add exactly what the generic kernels add', () => {
    const rng = new Rng(6);
    const n = 3000;
    const nBins = [5, 255, 1, 30, 9];
    const F = nBins.length;
    const layout = makeLayout(nBins);
    const bins = new Uint8Array(n * F);
    for (let i = 0; i < n; i++) for (let f = 0; f < F; f++) bins[i * F + f] = rng.nextInt(nBins[f] + 1);
    const g = Float32Array.from({ length: n }, () => rng.normal());
    const h = Float32Array.from({ length: n }, () => rng.next());
    const rows = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 4 !== 0);
    for (const ids of [Int32Array.of(0, 1, 2, 3, 4), Int32Array.of(3, 1)]) {
      const fs = featureSet(layout, ids);
      const kernel = rowKernel(F, fs.ids, fs.slot3, fs.all);
      for (const hh of [h, null]) {
        for (const r of [rows, null]) {
          const end = r === null ? n : r.length;
          const generic = new Float64Array(histogramSize(layout));
          buildHistogram(bins, F, fs, 0, ids.length, r, 10, end, g, hh, generic);
          const generated = new Float64Array(histogramSize(layout));
          kernel(bins, r, 10, end, g, hh, generated);
          expect(Array.from(generated)).toEqual(Array.from(generic));
        }
      }
    }
  });

  it('over gradients gathered in row-list order add exactly what the row kernel adds', () => {
    const rng = new Rng(8);
    const n = 5000;
    const nBins = [5, 255, 30];
    const F = nBins.length;
    const layout = makeLayout(nBins);
    const bins = new Uint8Array(n * F);
    for (let i = 0; i < n; i++) for (let f = 0; f < F; f++) bins[i * F + f] = rng.nextInt(nBins[f] + 1);
    const g = Float32Array.from({ length: n }, () => rng.normal());
    const h = Float32Array.from({ length: n }, () => rng.next());
    const rows = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 7 === 3);
    for (const ids of [Int32Array.of(0, 1, 2), Int32Array.of(2, 0)]) {
      const fs = featureSet(layout, ids);
      const kernel = rowKernel(F, fs.ids, fs.slot3, fs.all);
      const ordered = orderedRowKernel(F, fs.ids, fs.slot3);
      for (const hh of [h, null]) {
        const [start, end] = [20, rows.length - 3];
        const want = new Float64Array(histogramSize(layout));
        kernel(bins, rows, start, end, g, hh, want);
        const gBuf = new Float32Array(end - start).fill(Number.NaN);
        const hBuf = new Float32Array(end - start).fill(Number.NaN);
        gatherGradients(rows, start, end, g, hh, gBuf, hBuf);
        const got = new Float64Array(histogramSize(layout));
        ordered(bins, rows, start, end, gBuf, hh === null ? null : hBuf, got);
        expect(Array.from(got)).toEqual(Array.from(want));
      }
    }
  });
});

describe('partitions', () => {
  const F = 3;
  const n = 50_000;
  const layout = makeLayout([7, 255, 40]);
  function data(seed: number) {
    const rng = new Rng(seed);
    const bins = new Uint8Array(new SharedArrayBuffer(n * F));
    for (let i = 0; i < n; i++) {
      bins[i * F] = rng.nextInt(8);
      bins[i * F + 1] = rng.nextInt(256);
      bins[i * F + 2] = rng.nextInt(41);
    }
    const g = new Float32Array(new SharedArrayBuffer(n * 4));
    const h = new Float32Array(new SharedArrayBuffer(n * 4));
    for (let i = 0; i < n; i++) {
      g[i] = rng.normal();
      h[i] = rng.next();
    }
    // A node: every third row in order, from position 5 on.
    const rows = new Uint32Array(new SharedArrayBuffer(n * 4));
    const node = Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 1);
    rows.set(node, 5);
    return { bins, g, h, rows, node, start: 5, end: 5 + node.length };
  }
  const isLeft = (b: number, bits: Uint32Array | null, t: number, mb: number) =>
    bits === null ? b <= t || b === mb : ((bits[b >>> 5] >>> (b & 31)) & 1) === 1;
  const cases = [
    { f: 1, bits: null, t: 100, mb: -1 },
    { f: 0, bits: null, t: 2, mb: 7 },
    { f: 2, bits: Uint32Array.of(0b1010_0110_0001, 0xff, 0, 0, 0, 0, 0, 0), t: -1, mb: -1 },
  ];

  it('in chunks, give the stable partition', () => {
    const { bins, rows, node, start, end } = data(4);
    const scratch = new Uint32Array(n);
    for (const c of cases) {
      const r = rows.slice();
      const nLeft = new Int32Array(Math.ceil(n / PARTITION_CHUNK) + 1);
      for (let k = 0, a = start; a < end; k++, a += PARTITION_CHUNK) {
        nLeft[k] = partitionChunk(
          bins,
          F,
          r,
          scratch,
          a,
          Math.min(end, a + PARTITION_CHUNK),
          c.f,
          c.bits,
          c.t,
          c.mb,
        );
      }
      const mid = placeChunks(r, scratch, start, end, PARTITION_CHUNK, nLeft);
      const left = node.filter((i) => isLeft(bins[i * F + c.f], c.bits, c.t, c.mb));
      const right = node.filter((i) => !isLeft(bins[i * F + c.f], c.bits, c.t, c.mb));
      expect(mid - start).toBe(left.length);
      expect(Array.from(r.subarray(start, end))).toEqual([...left, ...right]);
      expect(Array.from(r.subarray(0, start))).toEqual(Array.from(rows.subarray(0, start)));
    }
  });

  it('on worker threads, build a sparse child histogram from gathered gradients', () => {
    // A node of under a quarter of the rows (and enough to share) takes the gathered-gradient
    // path on every thread.
    const N = 200_000;
    const rng = new Rng(9);
    const bins = new Uint8Array(new SharedArrayBuffer(N * F));
    for (let i = 0; i < N * F; i++) bins[i] = rng.nextInt(8);
    const g = new Float32Array(new SharedArrayBuffer(N * 4));
    const h = new Float32Array(new SharedArrayBuffer(N * 4));
    for (let i = 0; i < N; i++) {
      g[i] = rng.normal();
      h[i] = rng.next();
    }
    const rows = new Uint32Array(new SharedArrayBuffer(N * 4));
    const node = Array.from({ length: N }, (_, i) => i).filter((i) => i % 7 === 2);
    const [start, end] = [100, 100 + node.length];
    const scratch = new Uint32Array(new SharedArrayBuffer(N * 4));
    const nLeft = new Int32Array(new SharedArrayBuffer((Math.ceil(N / PARTITION_CHUNK) + 1) * 4));
    const raw = new Float64Array(new SharedArrayBuffer(N * 8));
    const histSize = histogramSize(layout);
    const shared = { bins, nFeatures: F, rows, scratch, nLeft, g, h, histSize, raw };
    const pool = FitPool.create(2, { ...shared, y: null, w: null, gradients: null, maxLeaves: 31 });
    expect(pool).not.toBeNull();
    const fs = featureSet(layout, Int32Array.of(0, 1, 2));
    const kernel = rowKernel(F, fs.ids, fs.slot3, fs.all);
    const ordered = orderedRowKernel(F, fs.ids, fs.slot3);
    try {
      for (const side of [1, 2] as const) {
        rows.set(node, start);
        const hist = new Float64Array(histSize);
        expect(pool!.partition(start, end, 1, null, 2, -1, side, 0, 0, fs, kernel, hist, ordered)).toBe(true);
        const mid = placeChunks(rows, scratch, start, end, PARTITION_CHUNK, nLeft);
        const direct = new Float64Array(histSize);
        const [a, b] = side === 1 ? [start, mid] : [mid, end];
        buildHistogram(bins, F, fs, 0, F, rows, a, b, g, h, direct);
        for (let k = 0; k < histSize; k++) expect(hist[k]).toBeCloseTo(direct[k], 9);
      }
    } finally {
      pool!.close();
    }
  });

  it('on worker threads, give the serial partition and the child histogram', () => {
    const { bins, g, h, rows, start, end } = data(5);
    const histSize = histogramSize(layout);
    const fs = featureSet(layout, Int32Array.of(0, 1, 2));
    const nLeft = new Int32Array(new SharedArrayBuffer((Math.ceil(n / PARTITION_CHUNK) + 1) * 4));
    const scratch = new Uint32Array(new SharedArrayBuffer(n * 4));
    const raw = new Float64Array(new SharedArrayBuffer(n * 8));
    const shared = {
      bins,
      nFeatures: F,
      rows,
      scratch,
      nLeft,
      g,
      h,
      histSize,
      raw,
      y: null,
      w: null,
      gradients: null,
      maxLeaves: 31,
    };
    const pool = FitPool.create(2, shared);
    const kernel = rowKernel(F, fs.ids, fs.slot3, fs.all);
    expect(pool).not.toBeNull();
    try {
      const initial = rows.slice();
      for (const c of cases) {
        for (const side of [0, 1, 2] as const) {
          rows.set(initial);
          const hist = new Float64Array(histSize);
          const ok = pool!.partition(start, end, c.f, c.bits, c.t, c.mb, side, 0, 0, fs, kernel, hist);
          expect(ok).toBe(true);
          const mid = placeChunks(rows, scratch, start, end, PARTITION_CHUNK, nLeft);
          const expected = initial.slice();
          const tmp = new Uint32Array(n);
          const el = new Int32Array(nLeft.length);
          for (let k = 0, a = start; a < end; k++, a += PARTITION_CHUNK) {
            el[k] = partitionChunk(
              bins,
              F,
              expected,
              tmp,
              a,
              Math.min(end, a + PARTITION_CHUNK),
              c.f,
              c.bits,
              c.t,
              c.mb,
            );
          }
          expect(placeChunks(expected, tmp, start, end, PARTITION_CHUNK, el)).toBe(mid);
          expect(Array.from(rows)).toEqual(Array.from(expected));
          if (side === 0) continue;
          const direct = new Float64Array(histSize);
          const [a, b] = side === 1 ? [start, mid] : [mid, end];
          buildHistogram(bins, F, fs, 0, F, rows, a, b, g, h, direct);
          for (let k = 0; k < histSize; k++) expect(hist[k]).toBeCloseTo(direct[k], 9);
        }
      }
    } finally {
      pool!.close();
    }
  });
});

describe('categorical split finding', () => {
  it('puts the categories with the lowest Σg/(Σh + 10) on the left', () => {
    // Values by bin: 0 → 0.25, 1 → −0.4, 2 → 0.3, 3 → −0.35: the best set is {1, 3}, found
    // scanning the categories sorted by value from the low end (their bins are not in order).
    const layout = makeLayout([4]);
    const hist = new Float64Array(histogramSize(layout));
    const gs = [5, -8, 6, -7];
    for (let b = 0; b < 4; b++) hist.set([gs[b], 10, 10], b * 3);
    const c = { minSamplesLeaf: 1, minChildWeight: 0, l1: 0, l2: 0, minGainToSplit: 0 };
    const s = findBestSplit(
      hist,
      layout,
      Uint8Array.of(1),
      Uint8Array.of(0),
      Int32Array.of(0),
      1,
      -4,
      40,
      40,
      c,
      0,
    );
    expect(s).not.toBeNull();
    expect([0, 1, 2, 3].filter((b) => hasBit(s!.catBitset!, b))).toEqual([1, 3]);
    expect(s!.gLeft).toBe(-15);
    expect(s!.nLeft).toBe(20);
  });
});

describe('early stopping rule', () => {
  it('stops when none of the last n losses beats the reference by tol', () => {
    expect(shouldStop([1, 0.9, 0.8], 2, 0)).toBe(false);
    expect(shouldStop([1, 0.9, 0.9, 0.9], 2, 0)).toBe(true);
    expect(shouldStop([1, 0.9, 0.95, 0.89], 2, 0)).toBe(false);
    expect(shouldStop([1, 0.9, 0.9, 0.8999], 2, 0.001)).toBe(true);
  });
});

describe('parallel fits', () => {
  it("never lose a worker's share of a histogram, task after task", () => {
    // Many short tasks in a row: a worker woken late must neither skip nor re-join a task.
    const n = 40_000;
    const F = 2;
    const sab = (bytes: number) => new SharedArrayBuffer(bytes);
    const bins = new Uint8Array(sab(n * F));
    for (let i = 0; i < n * F; i++) bins[i] = (i * 7919) % 200;
    const rows = new Uint32Array(sab(n * 4));
    const g = new Float32Array(sab(n * 4)).fill(1);
    const h = new Float32Array(sab(n * 4)).fill(1);
    const layout = makeLayout([255, 255]);
    const fs = featureSet(layout, Int32Array.of(0, 1));
    const histSize = histogramSize(layout);
    const pool = FitPool.create(2, {
      bins,
      nFeatures: F,
      rows,
      scratch: new Uint32Array(sab(n * 4)),
      nLeft: new Int32Array(sab(64 * 4)),
      g,
      h,
      histSize,
      raw: new Float64Array(sab(n * 8)),
      y: null,
      w: null,
      gradients: null,
      maxLeaves: 31,
    });
    expect(pool).not.toBeNull();
    const kernel = rowKernel(F, fs.ids, fs.slot3, fs.all);
    const hist = new Float64Array(histSize);
    let wrong = 0;
    try {
      for (let t = 0; t < 3000; t++) {
        const end = 16_384 + ((t * 7777) % (n - 16_384));
        hist.fill(0);
        expect(pool!.build(true, 0, end, 0, 0, fs, kernel, hist)).toBe(true);
        let count = 0;
        for (let k = 2; k < 256 * 3; k += 3) count += hist[k];
        if (count !== end) wrong++;
      }
    } finally {
      pool!.close();
    }
    expect(wrong).toBe(0);
  });

  it('give the same model on several threads as on one', async () => {
    const { GbdtClassifier } = await import('./gbdt-classifier.ts');
    const rng = new Rng(3);
    const n = 200_000;
    const cols = ['a', 'b', 'c'].map((name) => ({
      name,
      kind: 'numeric' as const,
      values: Float64Array.from({ length: n }, () => rng.normal()),
    }));
    const X = Matrix.fromColumns(cols);
    const y = Array.from({ length: n }, (_, i) =>
      cols[0].values[i] * cols[1].values[i] + rng.normal() > 0 ? 1 : 0,
    );
    let parallelBuilds = 0;
    let refused = 0;
    const build = FitPool.prototype.build;
    const { gradients, addLeafValues, assignLeaves } = FitPool.prototype;
    let rowTasks = 0;
    let rootsWithGradients = 0;
    FitPool.prototype.gradients = function (...args: Parameters<typeof gradients>): boolean {
      const ok = gradients.apply(this, args);
      if (ok) rowTasks++;
      if (ok && args[0] !== undefined) rootsWithGradients++;
      return ok;
    };
    FitPool.prototype.addLeafValues = function (...args: Parameters<typeof addLeafValues>): boolean {
      const ok = addLeafValues.apply(this, args);
      if (ok) rowTasks++;
      return ok;
    };
    FitPool.prototype.assignLeaves = function (...args: Parameters<typeof assignLeaves>): boolean {
      const ok = assignLeaves.apply(this, args);
      if (ok) rowTasks++;
      return ok;
    };
    FitPool.prototype.build = function (...args: Parameters<typeof build>): boolean {
      const ok = build.apply(this, args);
      if (ok) parallelBuilds++;
      // A large node is only refused when the pool broke (a worker failed).
      if (!ok && args[2] - args[1] >= 8192) refused++;
      return ok;
    };
    try {
      const params = { maxIter: 5, earlyStopping: false as const };
      const one = new GbdtClassifier({ ...params, nThreads: 1 }).fit(X, y).predictProba(X);
      const two = new GbdtClassifier({ ...params, nThreads: 3 }).fit(X, y).predictProba(X);
      // One output: each root histogram is built in the gradient pass, whose leaf values the
      // previous tree left pending; the child histograms come from partitions.
      expect(parallelBuilds).toBe(0);
      expect(rootsWithGradients).toBe(5);
      // 5 iterations: gradients and leaf values each time.
      expect(rowTasks).toBe(10);
      expect(refused).toBe(0);
      for (let i = 0; i < 200; i++) expect(two[i]).toBeCloseTo(one[i], 9);
    } finally {
      FitPool.prototype.build = build;
      FitPool.prototype.gradients = gradients;
      FitPool.prototype.addLeafValues = addLeafValues;
      FitPool.prototype.assignLeaves = assignLeaves;
    }
  });
});

describe('deferred leaf values', () => {
  // On several threads a single-output fit adds each tree's leaf values to the raw scores in the
  // next gradient pass (which also builds the next root histogram): training losses read in
  // between, regression with unit hessians and the model itself must come out as on one thread.
  function data(n: number) {
    const rng = new Rng(21);
    const a = Float64Array.from({ length: n }, () => (rng.next() < 0.05 ? Number.NaN : rng.normal()));
    const b = Float64Array.from({ length: n }, () => rng.normal());
    const X = Matrix.fromColumns([
      { name: 'a', kind: 'numeric', values: a },
      { name: 'b', kind: 'numeric', values: b },
    ]);
    const target = Float64Array.from(
      { length: n },
      (_, i) => (Number.isNaN(a[i]) ? 1 : a[i]) * b[i] + rng.normal(),
    );
    return { X, target };
  }

  it('records the same training losses and model as one thread (binary)', async () => {
    const { GbdtClassifier } = await import('./gbdt-classifier.ts');
    const { X, target } = data(30_000);
    const y = Array.from(target, (v) => (v > 0 ? 'p' : 'n'));
    const params = { maxIter: 6, earlyStopping: false as const, seed: 4 };
    const one = new GbdtClassifier({ ...params, nThreads: 1 }).fit(X, y, { recordTrainLoss: true });
    const two = new GbdtClassifier({ ...params, nThreads: 2 }).fit(X, y, { recordTrainLoss: true });
    expect(two.fitInfo.trainLoss.length).toBe(6);
    for (let i = 0; i < 6; i++) expect(two.fitInfo.trainLoss[i]).toBeCloseTo(one.fitInfo.trainLoss[i], 10);
    const p1 = one.predictProba(X);
    const p2 = two.predictProba(X);
    for (let i = 0; i < 500; i++) expect(p2[i]).toBeCloseTo(p1[i], 9);
  });

  it('keep the pending leaves in the partition scratch until the next gradient pass', () => {
    const n = 40_000;
    const sab = (bytes: number) => new SharedArrayBuffer(bytes);
    const rows = new Uint32Array(sab(n * 4));
    for (let i = 0; i < n; i++) rows[i] = n - 1 - i;
    const y = new Uint8Array(sab(n));
    for (let i = 0; i < n; i++) y[i] = i % 3 === 0 ? 1 : 0;
    const raw = new Float64Array(sab(n * 8));
    const g = new Float32Array(sab(n * 4));
    const h = new Float32Array(sab(n * 4));
    const pool = FitPool.create(2, {
      bins: new Uint8Array(sab(n)),
      nFeatures: 1,
      rows,
      scratch: new Uint32Array(sab(n * 4)),
      nLeft: new Int32Array(sab((Math.ceil(n / PARTITION_CHUNK) + 1) * 4)),
      g,
      h,
      histSize: 3 * 3,
      raw,
      y,
      w: null,
      gradients: (yy, rr, _w, gg, hh, from, to) => {
        for (let i = from; i < to; i++) {
          gg[i] = rr[i] - yy[i];
          hh[i] = 1;
        }
      },
      maxLeaves: 31,
    });
    expect(pool?.defersLeafValues).toBe(true);
    try {
      // Two leaves: positions [0, 10000) (rows n−1 down to 30000) and the rest.
      expect(
        pool!.assignLeaves(Int32Array.of(0, 10_000), Int32Array.of(10_000, n), Float64Array.of(2, -1)),
      ).toBe(true);
      expect(raw.every((v) => v === 0)).toBe(true);
      expect(() => pool!.checkScratchFree()).toThrow(/pending/);
      expect(pool!.gradients()).toBe(true);
      pool!.checkScratchFree();
      for (const i of [0, 29_999, 30_000, n - 1]) {
        expect(raw[i]).toBe(i >= 30_000 ? 2 : -1);
        expect(g[i]).toBe(raw[i] - y[i]);
      }
    } finally {
      pool!.close();
    }
  });

  it('stops early at the same iteration as one thread, ending iterations during the next gradients', async () => {
    const { GbdtClassifier } = await import('./gbdt-classifier.ts');
    const { X, target } = data(30_000);
    const y = Array.from(target, (v) => (v > 0.3 ? 'p' : 'n'));
    const params = { maxIter: 200, earlyStopping: true, nIterNoChange: 3, tol: 1e-3, seed: 5 };
    const seen: number[][] = [[], []];
    const fits = [1, 2].map((nThreads, t) =>
      new GbdtClassifier({ ...params, nThreads }).fit(X, y, {
        onIteration: (i) => seen[t].push(i.iteration),
      }),
    );
    const [one, two] = fits.map((f) => f.fitInfo);
    expect(one.nIterations).toBeLessThan(200);
    expect(two.nIterations).toBe(one.nIterations);
    expect(two.validationLoss.length).toBe(one.validationLoss.length);
    for (let i = 0; i < one.validationLoss.length; i++) {
      expect(two.validationLoss[i]).toBeCloseTo(one.validationLoss[i], 10);
    }
    const all = Array.from({ length: one.nIterations }, (_, i) => i + 1);
    expect(seen).toEqual([all, all]);
    expect(fits[1].model.trees.length).toBe(one.nIterations);
  });

  it('ends the fit with the error of an iteration hook run alongside the workers', async () => {
    const { GbdtClassifier } = await import('./gbdt-classifier.ts');
    const { X, target } = data(30_000);
    const y = Array.from(target, (v) => (v > 0 ? 'p' : 'n'));
    const onIteration = (i: { iteration: number }) => {
      if (i.iteration === 2) throw new Error('hook failed');
    };
    const clf = new GbdtClassifier({ maxIter: 5, earlyStopping: false, nThreads: 2 });
    expect(() => clf.fit(X, y, { onIteration })).toThrow('hook failed');
    // The pool was closed cleanly: a new fit on threads works.
    expect(new GbdtClassifier({ maxIter: 3, earlyStopping: false, nThreads: 2 }).fit(X, y).isFitted).toBe(
      true,
    );
  });

  it('fits squared error (unit hessians) as on one thread', async () => {
    const { GbdtRegressor } = await import('./gbdt-regressor.ts');
    const { X, target } = data(30_000);
    const params = { maxIter: 6, earlyStopping: false as const, seed: 4 };
    const one = new GbdtRegressor({ ...params, nThreads: 1 }).fit(X, target).predict(X);
    const two = new GbdtRegressor({ ...params, nThreads: 2 }).fit(X, target).predict(X);
    for (let i = 0; i < 500; i++) expect(two[i]).toBeCloseTo(one[i], 9);
  });
});

describe('predictors', () => {
  // The leaf-table kernel (≤ 32 leaves) and the lock-step walk must both give exactly what a
  // plain traversal of each tree gives: numeric, missing and categorical splits, several outputs.
  function data(n: number, seed: number) {
    const rng = new Rng(seed);
    const a = Float64Array.from({ length: n }, () => (rng.next() < 0.1 ? Number.NaN : rng.normal()));
    const b = Float32Array.from({ length: n }, () => rng.normal());
    const c = Array.from({ length: n }, () => (rng.next() < 0.05 ? null : `L${rng.nextInt(40)}`));
    const y = Array.from({ length: n }, (_, i) => {
      const s =
        (Number.isNaN(a[i]) ? 1 : a[i]) +
        b[i] +
        (c[i] !== null && Number(c[i]!.slice(1)) % 3 === 0 ? 1.5 : 0);
      return s > 1.2 ? 'hi' : s > -0.5 ? 'mid' : 'lo';
    });
    const X = Matrix.fromColumns([
      { name: 'a', kind: 'numeric', values: a },
      { name: 'b', kind: 'numeric', values: b },
      { name: 'c', kind: 'categorical', values: c },
    ]);
    return { X, y };
  }

  function traverse(model: GbdtEnsemble, X: Matrix): Float64Array {
    const binned = binMatrix(X, model.features);
    const K = model.nOutputs;
    const out = new Float64Array(X.nRows * K);
    for (let i = 0; i < X.nRows; i++) for (let k = 0; k < K; k++) out[i * K + k] = model.baseline[k];
    model.trees.forEach((t, ti) => {
      addTreePrediction(t, binned.bins, X.nRows, 1, binned.nFeatures, out, ti % K, K);
    });
    return out;
  }

  it('never turns a tampered artifact value into generated code', () => {
    const { X, y } = data(500, 3);
    const clf = new GbdtClassifier({ seed: 1, maxIter: 2, maxLeaves: 8 }).fit(X, y);
    const features = clf.model.features.map((f) => ({ ...f, nBins: '0]; globalThis.pwned = 1; [' as never }));
    expect(() =>
      LeafTableKernel.tryCreate(clf.model.trees, features, clf.model.nOutputs, clf.model.baseline),
    ).toThrow(/not an integer/);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });

  it('scores groups that mix single-leaf trees with split ones exactly like a traversal', () => {
    // A leaf-only tree makes no table lookup; it must still add its value in its place in the
    // group's running sum, for whichever output it belongs to.
    const { X, y } = data(2000, 11);
    const fitted = new GbdtClassifier({ seed: 2, maxIter: 7, maxLeaves: 31 }).fit(X, y).model;
    const leaf = (value: number) => {
      const b = new TreeBuilder(1);
      b.addNode(value, 1, 1);
      return b.freeze();
    };
    const trees = [...fitted.trees];
    trees.splice(4, 0, leaf(0.25), leaf(-0.5), leaf(0.125));
    trees.push(leaf(1e-3), leaf(2e-3), leaf(3e-3));
    const model: GbdtEnsemble = { ...fitted, trees };
    const test = data(900, 12).X;
    expect(Array.from(predictEnsembleRaw(model, test))).toEqual(Array.from(traverse(model, test)));
  });

  for (const maxLeaves of [31, 32, 5]) {
    it(`scores one tree by leaf masks exactly like a traversal (maxLeaves ${maxLeaves})`, () => {
      const { X, y } = data(3000, 13);
      const model = new GbdtClassifier({ seed: 3, maxIter: 4, maxLeaves, minSamplesLeaf: 5 }).fit(X, y).model;
      const test = binMatrix(data(800, 14).X, model.features);
      const nCodes = model.features.map((f) => f.nBins + 1);
      const F = test.nFeatures;
      for (const t of model.trees) {
        const want = Float64Array.from({ length: 800 }, (_, i) => i / 7);
        const got = want.slice();
        addTreePrediction(t, test.bins, 800, 1, F, want, 0, 1);
        expect(addTreeByMasks(t, nCodes, test.bins, 800, F, got, 0)).toBe(true);
        expect(Array.from(got)).toEqual(Array.from(want));
      }
    });
  }

  it('leaves trees of more than 32 leaves to the traversal', () => {
    const { X, y } = data(3000, 15);
    const model = new GbdtClassifier({ seed: 3, maxIter: 1, maxLeaves: 60, minSamplesLeaf: 5 }).fit(
      X,
      y,
    ).model;
    const big = model.trees.find((t) => t.nNodes > 2 * 32 - 1)!;
    const test = binMatrix(X, model.features);
    const out = new Float64Array(X.nRows);
    const nCodes = model.features.map((f) => f.nBins + 1);
    expect(addTreeByMasks(big, nCodes, test.bins, X.nRows, test.nFeatures, out, 0)).toBe(false);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  for (const maxLeaves of [31, 32, 5, 60]) {
    it(`scores exactly like a tree traversal (maxLeaves ${maxLeaves})`, () => {
      const { X, y } = data(3000, 7);
      const clf = new GbdtClassifier({ seed: 1, maxIter: 15, maxLeaves, minSamplesLeaf: 5 }).fit(X, y);
      const test = data(700, 8).X;
      expect(Array.from(clf.predictRaw(test))).toEqual(Array.from(traverse(clf.model, test)));
    });
  }
});

describe('class encoding', () => {
  it('encodes typed-array labels exactly like the same values as plain cells', async () => {
    const { encodeClasses } = await import('../target.ts');
    const values = [10, 2, 2, Number.NaN, -0, 0, 2.5, 10];
    const typed = encodeClasses(Float64Array.from(values));
    const plain = encodeClasses(values);
    expect(typed.classes).toEqual(plain.classes);
    expect(Array.from(typed.codes)).toEqual(Array.from(plain.codes));
    expect(typed.classes).toEqual(['0', '2', '2.5', '10']);
    const fixed = encodeClasses(Int32Array.from([1, 0, 7]), ['0', '1']);
    expect(Array.from(fixed.codes)).toEqual([1, 0, -1]);
  });
});
