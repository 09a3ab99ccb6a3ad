import { MlError, type MlWarning, mlWarning } from '../errors.ts';
import { floatsFromJson, floatsToJson, type JsonFloat } from '../json-floats.ts';
import type { Matrix } from '../matrix.ts';
import { holdoutSplit } from '../validation/splits.ts';
import { type BinnedMatrix, binMatrix, type FeatureBinning, fitBinning } from './binning.ts';
import { type BoostHooks, type BoostResult, boost } from './boosting.ts';
import { GrowerContext } from './grower.ts';
import { makeLayout } from './histogram.ts';
import type { Objective, ObjectiveName, TargetArray } from './objectives.ts';
import { defaultThreads } from './parallel.ts';
import type { GbdtParams } from './params.ts';
import { CompiledEnsemble } from './predictor.ts';
import { type Tree, type TreeJson, treeFromJson, treeToJson } from './tree.ts';

/** A fitted GBDT: how to bin each feature, the trees, and the starting score per output. */
export interface GbdtEnsemble {
  readonly objective: ObjectiveName;
  readonly nOutputs: number;
  readonly baseline: Float64Array;
  readonly features: readonly FeatureBinning[];
  /** Iteration-major: tree t adds to output t % nOutputs. */
  readonly trees: readonly Tree[];
}

export interface PredictOptions {
  /** A training column absent at predict time: fail (default) or treat as all missing. */
  missingColumns?: 'error' | 'as-missing';
}

const compiled = new WeakMap<GbdtEnsemble, CompiledEnsemble>();

/**
 * Raw scores, row-major n×nOutputs. Rows are binned and scored in chunks (trees in the outer
 * loop), so memory stays flat however many rows are predicted; the flattened predictor is built
 * once per ensemble and cached.
 */
export function predictEnsembleRaw(e: GbdtEnsemble, X: Matrix, opts: PredictOptions = {}): Float64Array {
  let c = compiled.get(e);
  if (c === undefined) {
    c = new CompiledEnsemble(e.trees, e.features, e.nOutputs, e.baseline);
    compiled.set(e, c);
  }
  return c.predictRaw(X, opts.missingColumns ?? 'error');
}

export interface FitEnsembleResult {
  readonly ensemble: GbdtEnsemble;
  readonly history: BoostResult;
  readonly warnings: MlWarning[];
}

/**
 * Bin, split off the early-stopping validation rows (stratified by `stratify` when given) and
 * boost. `y` holds class codes or regression values, already free of missing values.
 */
export function fitEnsemble(
  X: Matrix,
  y: Float64Array | Int32Array,
  w: Float64Array | null,
  objective: Objective,
  p: GbdtParams,
  stratify: Int32Array | null,
  hooks: BoostHooks = {},
): FitEnsembleResult {
  const n = X.nRows;
  if (n === 0) throw new MlError('ML_NO_ROWS');
  if (X.nCols === 0) throw new MlError('ML_NO_FEATURES');
  if (y.length !== n) throw new MlError('ML_SHAPE_MISMATCH', `${y.length} targets for ${n} rows`);
  const early = p.earlyStopping === 'auto' ? n > 10_000 : p.earlyStopping;
  let trainRows: Uint32Array | null = null;
  let valRows: Uint32Array | null = null;
  if (early && n >= 2) {
    const s = holdoutSplit(n, {
      testFraction: p.validationFraction,
      stratify: stratify ?? undefined,
      seed: p.seed,
    });
    trainRows = s.train;
    valRows = s.test;
  }
  const { features, warnings } = fitBinning(
    X,
    { maxBins: p.maxBins, subsample: p.binSubsample, seed: p.seed },
    trainRows,
  );
  const nTrain = trainRows === null ? n : trainRows.length;
  const threads = p.nThreads === 'auto' ? (nTrain * X.nCols >= 2_000_000 ? defaultThreads() : 1) : p.nThreads;
  const binned = binMatrix(X, features, trainRows, { shared: threads > 1 });
  // In shared memory on several threads: the workers compute gradients from them.
  const shared = threads > 1;
  const train = {
    binned,
    y: gather(y, trainRows, shared),
    w: w === null ? null : gather(w, trainRows, shared),
  };
  const val =
    valRows === null
      ? null
      : {
          binned: binMatrix(X, features, valRows),
          y: gather(y, valRows, false),
          w: w === null ? null : gather(w, valRows, false),
        };
  // The row lists are done with: let them go before the fit's larger buffers are allocated.
  trainRows = null;
  valRows = null;
  const layout = makeLayout(features.map((f) => f.nBins));
  const hasMissing = missingFlags(binned, layout.nBins);
  const isCategorical = Uint8Array.from(features, (f) => (f.kind === 'categorical' ? 1 : 0));
  // Constant (one value, no missing) or empty (all missing) features can never split.
  const constant = features
    .filter((f, j) => f.nBins <= 1 && (hasMissing[j] === 0 || allMissing(binned, j, f.nBins)))
    .map((f) => f.name);
  if (constant.length > 0) {
    warnings.push(
      mlWarning(
        'ML_CONSTANT_FEATURE',
        `${constant.length} feature(s) are constant or empty and are ignored`,
        {
          columns: constant,
        },
      ),
    );
  }
  const ctx = new GrowerContext(
    binned,
    layout,
    isCategorical,
    hasMissing,
    features.map((f) => f.thresholds),
    threads > 1,
  );
  const history = boost(ctx, objective, p, train, val, hooks, threads);
  const ensemble: GbdtEnsemble = {
    objective: objective.name,
    nOutputs: objective.nOutputs,
    baseline: history.baseline,
    features,
    trees: history.trees,
  };
  return { ensemble, history, warnings };
}

function missingFlags(b: BinnedMatrix, nBins: Int32Array): Uint8Array {
  const F = b.nFeatures;
  const out = new Uint8Array(F);
  for (let i = 0; i < b.nRows; i++) {
    const base = i * F;
    for (let f = 0; f < F; f++) if (b.bins[base + f] === nBins[f]) out[f] = 1;
  }
  return out;
}

function allMissing(b: BinnedMatrix, f: number, missingBin: number): boolean {
  for (let i = 0; i < b.nRows; i++) if (b.bins[i * b.nFeatures + f] !== missingBin) return false;
  return true;
}

/**
 * a[rows] (all of a when rows is null). Class codes (Int32Array) are stored exactly in the
 * smallest array that holds them: bytes for up to 256 classes (a quarter of float32's memory
 * for the training target), float32 beyond. `shared`: always a copy, in a SharedArrayBuffer.
 */
function gather(a: Float64Array, rows: Uint32Array | null, shared: boolean): Float64Array;
function gather(a: Float64Array | Int32Array, rows: Uint32Array | null, shared: boolean): TargetArray;
function gather(a: Float64Array | Int32Array, rows: Uint32Array | null, shared: boolean): TargetArray {
  if (rows === null && a instanceof Float64Array && !shared) return a;
  const n = rows === null ? a.length : rows.length;
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  let out: TargetArray;
  if (a instanceof Float64Array) out = new Float64Array(buffer(n * 8));
  else {
    let max = 0;
    for (let i = 0; i < a.length; i++) if (a[i] > max) max = a[i];
    out = max < 256 ? new Uint8Array(buffer(n)) : new Float32Array(buffer(n * 4));
  }
  if (rows === null) out.set(a);
  else for (let i = 0; i < n; i++) out[i] = a[rows[i]];
  return out;
}

export interface FeatureImportance {
  readonly feature: string;
  /** `gain`: share of the total split gain (sums to 1); `split`: number of splits. */
  readonly importance: number;
}

export function ensembleImportance(e: GbdtEnsemble, kind: 'gain' | 'split'): FeatureImportance[] {
  const acc = new Float64Array(e.features.length);
  for (const t of e.trees) {
    for (let node = 0; node < t.nNodes; node++) {
      if (t.left[node] >= 0) acc[t.feature[node]] += kind === 'gain' ? t.gain[node] : 1;
    }
  }
  let total = 0;
  for (let f = 0; f < acc.length; f++) total += acc[f];
  return e.features.map((f, j) => ({
    feature: f.name,
    importance: kind === 'gain' ? (total > 0 ? acc[j] / total : 0) : acc[j],
  }));
}

export interface FeatureBinningJson {
  name: string;
  kind: 'numeric' | 'categorical';
  nBins: number;
  thresholds: JsonFloat[];
  levels: string[];
  levelBins: number[];
  unknownBin: number;
}

export interface GbdtEnsembleJson {
  objective: ObjectiveName;
  nOutputs: number;
  baseline: JsonFloat[];
  features: FeatureBinningJson[];
  trees: TreeJson[];
}

export function ensembleToJson(e: GbdtEnsemble): GbdtEnsembleJson {
  return {
    objective: e.objective,
    nOutputs: e.nOutputs,
    baseline: floatsToJson(e.baseline),
    features: e.features.map((f) => ({
      name: f.name,
      kind: f.kind,
      nBins: f.nBins,
      thresholds: floatsToJson(f.thresholds),
      levels: [...f.levels],
      levelBins: Array.from(f.levelBins),
      unknownBin: f.unknownBin,
    })),
    trees: e.trees.map(treeToJson),
  };
}

export function ensembleFromJson(j: GbdtEnsembleJson): GbdtEnsemble {
  if (!j || !Array.isArray(j.features) || !Array.isArray(j.trees)) {
    throw new MlError('ML_ARTIFACT_INVALID', 'The GBDT model has no features or trees');
  }
  const features: FeatureBinning[] = j.features.map((f) => {
    if (typeof f.name !== 'string' || (f.kind !== 'numeric' && f.kind !== 'categorical') || !(f.nBins >= 1)) {
      throw new MlError('ML_ARTIFACT_INVALID', 'A GBDT feature is malformed');
    }
    return {
      name: f.name,
      kind: f.kind,
      nBins: f.nBins,
      thresholds: floatsFromJson(f.thresholds, 'bin thresholds'),
      levels: [...(f.levels ?? [])],
      levelBins: Int32Array.from(f.levelBins ?? []),
      unknownBin: f.unknownBin ?? 0,
    };
  });
  const trees = j.trees.map(treeFromJson);
  for (const t of trees) {
    for (let node = 0; node < t.nNodes; node++) {
      if (t.left[node] >= 0 && !(t.feature[node] >= 0 && t.feature[node] < features.length)) {
        throw new MlError('ML_ARTIFACT_INVALID', 'A tree splits on an unknown feature');
      }
    }
  }
  return {
    objective: j.objective,
    nOutputs: j.nOutputs,
    baseline: floatsFromJson(j.baseline, 'baseline'),
    features,
    trees,
  };
}
