import { Rng } from '../random.ts';
import type { BinnedMatrix } from './binning.ts';
import { type GrowerContext, type GrowerParams, growTree } from './grower.ts';
import { featureSet } from './histogram.ts';
import { addTreeByMasks } from './leaf-masks.ts';
import type { Objective, TargetArray } from './objectives.ts';
import { FitPool } from './parallel.ts';
import type { GbdtParams } from './params.ts';
import { addTreePrediction, type Tree } from './tree.ts';

export interface BoostData {
  readonly binned: BinnedMatrix;
  readonly y: TargetArray;
  readonly w: Float64Array | null;
}

export interface IterationInfo {
  /** 1-based iteration just finished. */
  readonly iteration: number;
  readonly maxIter: number;
  readonly validationLoss?: number;
  readonly trainLoss?: number;
}

export interface BoostHooks {
  /** Called after every iteration (e.g. to stream a training curve). */
  onIteration?: (info: IterationInfo) => void;
  /** Checked between iterations; an aborted fit throws the signal's reason. */
  signal?: AbortSignal;
  /** Compute the training loss every iteration (one extra pass over the rows). */
  recordTrainLoss?: boolean;
}

export interface BoostResult {
  /** Iteration-major: tree `t` belongs to output `t % nOutputs`. */
  readonly trees: Tree[];
  readonly nIterations: number;
  readonly baseline: Float64Array;
  /** Validation loss before the first tree and after each iteration (empty without validation). */
  readonly validationLoss: number[];
  readonly trainLoss: number[];
}

/**
 * The boosting loop: gradients → one tree per output → raw-score update, with scikit-learn's
 * early-stopping rule on the validation loss (stop when none of the last `nIterNoChange`
 * scores beats the one before them by more than `tol`; trees already built are kept).
 * With `threads` > 1 the binned data must live in a SharedArrayBuffer (see `FitPool`).
 */
export function boost(
  ctx: GrowerContext,
  objective: Objective,
  p: GbdtParams,
  train: BoostData,
  val: BoostData | null,
  hooks: BoostHooks = {},
  threads = 1,
): BoostResult {
  const n = train.y.length;
  const K = objective.nOutputs;
  const shared = threads > 1;
  const g = shared ? new Float32Array(new SharedArrayBuffer(K * n * 4)) : new Float32Array(K * n);
  const h = shared ? new Float32Array(new SharedArrayBuffer(K * n * 4)) : new Float32Array(K * n);
  const raw = shared ? new Float64Array(new SharedArrayBuffer(K * n * 8)) : new Float64Array(K * n);
  // Gradients go to the workers when the target (and weights) were gathered into shared memory.
  const yShared = isShared(train.y) && (train.w === null || isShared(train.w));
  ctx.workers = FitPool.create(threads, {
    bins: train.binned.bins,
    nFeatures: train.binned.nFeatures,
    rows: ctx.rows,
    scratch: ctx.scratch,
    nLeft: ctx.nLeft,
    g,
    h,
    histSize: ctx.histSize,
    raw,
    y: yShared ? train.y : null,
    w: yShared ? train.w : null,
    gradients: objective.rowGradients ?? null,
    maxLeaves: p.maxLeaves,
  });
  try {
    return boostLoop(ctx, objective, p, train, val, hooks, g, h, raw);
  } finally {
    ctx.workers?.close();
    ctx.workers = null;
  }
}

function boostLoop(
  ctx: GrowerContext,
  objective: Objective,
  p: GbdtParams,
  train: BoostData,
  val: BoostData | null,
  hooks: BoostHooks,
  g: Float32Array,
  h: Float32Array,
  raw: Float64Array,
): BoostResult {
  const n = train.y.length;
  const K = objective.nOutputs;
  const baseline = objective.init(train.y, train.w);
  const pool = ctx.workers;
  for (let k = 0; k < K; k++) raw.fill(baseline[k], k * n, (k + 1) * n);
  const nVal = val === null ? 0 : val.y.length;
  const valRaw = new Float64Array(K * nVal);
  for (let k = 0; k < K; k++) valRaw.fill(baseline[k], k * nVal, (k + 1) * nVal);
  const unitHessian = objective.unitHessian && train.w === null;
  const rng = new Rng(p.seed);
  const growerParams: GrowerParams = { ...p, maxDepth: p.maxDepth ?? Number.POSITIVE_INFINITY };
  const usable = usableFeatures(ctx);
  const allFs = featureSet(ctx.layout, usable);
  const trees: Tree[] = [];
  const F = train.binned.nFeatures;
  const nCodes = Int32Array.from(ctx.layout.nBins, (b) => b + 1);
  const validationLoss: number[] = [];
  const trainLoss: number[] = [];
  if (val !== null) validationLoss.push(objective.loss(val.y, valRaw, val.w));
  // One output and pooled gradients: the workers add each tree's leaf values to the raw scores
  // in the next gradient pass, which also builds the next tree's root histogram.
  const deferLeaves = K === 1 && pool !== null && pool.defersLeafValues;
  /**
   * The end of iteration `done` (its trees are the last K): score them on the early-stopping
   * rows, record the losses, call the hook; true when early stopping says stop.
   */
  const finish = (done: number): boolean => {
    const info: { iteration: number; maxIter: number; validationLoss?: number; trainLoss?: number } = {
      iteration: done,
      maxIter: p.maxIter,
    };
    if (val !== null) {
      for (let k = 0; k < K; k++) {
        const tree = trees[trees.length - K + k];
        if (!addTreeByMasks(tree, nCodes, val.binned.bins, nVal, F, valRaw, k * nVal)) {
          addTreePrediction(tree, val.binned.bins, nVal, 1, F, valRaw, k * nVal, 1);
        }
      }
      info.validationLoss = objective.loss(val.y, valRaw, val.w);
      validationLoss.push(info.validationLoss);
    }
    if (hooks.recordTrainLoss) {
      pool?.flushLeaves();
      info.trainLoss = objective.loss(train.y, raw, train.w);
      trainLoss.push(info.trainLoss);
    }
    hooks.onIteration?.(info);
    return val !== null && shouldStop(validationLoss, p.nIterNoChange, p.tol);
  };
  // With workers, the end of an iteration runs on this thread while they start on the next
  // iteration's gradients (it reads only the validation data, not the training scores, unless
  // training losses are recorded). When it says stop, those gradients go unused.
  const overlapFinish = pool !== null && !hooks.recordTrainLoss;
  let pending = 0;
  let it = 0;
  while (it < p.maxIter) {
    hooks.signal?.throwIfAborted();
    // Drawn before the gradients (which use no random numbers), so the root histogram can be
    // built with them.
    const sample = p.subsample < 1 ? rng.sample(n, Math.max(1, Math.round(n * p.subsample))) : null;
    const fs =
      p.featureFraction < 1 ? featureSet(ctx.layout, pickFeatures(usable, p.featureFraction, rng)) : allFs;
    let stop = false;
    const previous = pending;
    pending = 0;
    const overlap =
      previous === 0
        ? undefined
        : () => {
            stop = finish(previous);
            pending = -1;
          };
    let rootHist: Float64Array | null = null;
    if (deferLeaves && sample === null)
      rootHist = ctx.gradientsWithRootHistogram(g, unitHessian ? null : h, fs, overlap);
    if (rootHist === null && !pool?.gradients(undefined, overlap)) {
      objective.gradients(train.y, raw, train.w, g, h);
    }
    // The overlap ran (pending −1) unless the gradients were computed without the workers.
    if (previous > 0 && pending === 0) stop = finish(previous);
    pending = 0;
    if (stop) {
      if (rootHist !== null) ctx.releaseHistogram(rootHist);
      break;
    }
    for (let k = 0; k < K; k++) {
      const rawK = raw.subarray(k * n, (k + 1) * n);
      const grown = growTree(
        ctx,
        g.subarray(k * n, (k + 1) * n),
        unitHessian ? null : h.subarray(k * n, (k + 1) * n),
        sample,
        fs,
        growerParams,
        rng,
        rootHist,
      );
      const { builder, leaves, leafStart, leafEnd } = grown;
      if (objective.leafValue !== undefined) {
        for (let l = 0; l < leaves.length; l++) {
          builder.value[leaves[l]] =
            p.learningRate * objective.leafValue(train.y, rawK, train.w, ctx.rows, leafStart[l], leafEnd[l]);
        }
      }
      const tree = builder.freeze();
      if (sample === null) {
        const values = Float64Array.from(leaves, (id) => tree.value[id]);
        const done = deferLeaves
          ? pool!.assignLeaves(leafStart, leafEnd, values)
          : pool?.addLeafValues(k * n, leafStart, leafEnd, values);
        if (!done) {
          const rows = ctx.rows;
          for (let l = 0; l < leaves.length; l++) {
            for (let i = leafStart[l]; i < leafEnd[l]; i++) rawK[rows[i]] += values[l];
          }
        }
      } else addTreePrediction(tree, train.binned.bins, n, 1, F, rawK, 0, 1);
      trees.push(tree);
    }
    it++;
    if (!overlapFinish) {
      if (finish(it)) break;
    } else pending = it;
  }
  if (pending > 0) finish(pending);
  return { trees, nIterations: it, baseline, validationLoss, trainLoss };
}

function isShared(a: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && a.buffer instanceof SharedArrayBuffer;
}

/** scikit-learn `_should_stop` on losses (score = −loss). */
export function shouldStop(losses: number[], nIterNoChange: number, tol: number): boolean {
  const ref = nIterNoChange + 1;
  if (losses.length < ref) return false;
  const referenceScore = -losses[losses.length - ref] + tol;
  for (let i = losses.length - ref + 1; i < losses.length; i++) if (-losses[i] > referenceScore) return false;
  return true;
}

/** Features that can split at all: more than one bin, or missing values next to present ones. */
function usableFeatures(ctx: GrowerContext): Int32Array {
  const out: number[] = [];
  for (let f = 0; f < ctx.layout.nFeatures; f++) {
    if (ctx.layout.nBins[f] > 1 || ctx.hasMissing[f] === 1) out.push(f);
  }
  return Int32Array.from(out);
}

function pickFeatures(all: Int32Array, fraction: number, rng: Rng): Int32Array {
  const m = Math.max(1, Math.round(all.length * fraction));
  const idx = rng.sample(all.length, m);
  return Int32Array.from(idx, (i) => all[i]);
}
