import { checkParam } from '../errors.ts';

/**
 * Histogram GBDT parameters. Defaults are scikit-learn's HistGradientBoosting defaults (LightGBM
 * names where scikit-learn has none); they are not tuned to any benchmark.
 */
export interface GbdtParams {
  /** Boosting iterations (trees per output). */
  maxIter: number;
  learningRate: number;
  /** Leaves per tree (leaf-wise growth stops here). */
  maxLeaves: number;
  /** Depth limit, root = 0; null for none. */
  maxDepth: number | null;
  minSamplesLeaf: number;
  /** Minimum Σ hessian in a child. */
  minChildWeight: number;
  /** L1 penalty on leaf weights. */
  l1: number;
  /** L2 penalty on leaf weights. */
  l2: number;
  minGainToSplit: number;
  /** Non-missing bins per feature, ≤ 255 (missing values always get one more). */
  maxBins: number;
  /** Rows sampled to place numeric bin thresholds. */
  binSubsample: number;
  /** Fraction of rows drawn (without replacement) for each iteration. */
  subsample: number;
  /** Fraction of features drawn for each tree. */
  featureFraction: number;
  /** Fraction of the tree's features considered at each split. */
  featureFractionByNode: number;
  /** `'auto'`: on when there are more than 10 000 rows (scikit-learn). */
  earlyStopping: 'auto' | boolean;
  validationFraction: number;
  nIterNoChange: number;
  tol: number;
  seed: number;
  /**
   * Threads for histogram building: 'auto' uses up to 8 cores on data with at least 2 million
   * feature values (below that, thread hand-offs cost more than they save).
   */
  nThreads: 'auto' | number;
}

export const GBDT_DEFAULTS: Readonly<GbdtParams> = Object.freeze({
  maxIter: 100,
  learningRate: 0.1,
  maxLeaves: 31,
  maxDepth: null,
  minSamplesLeaf: 20,
  minChildWeight: 1e-3,
  l1: 0,
  l2: 0,
  minGainToSplit: 0,
  maxBins: 255,
  binSubsample: 200_000,
  subsample: 1,
  featureFraction: 1,
  featureFractionByNode: 1,
  earlyStopping: 'auto',
  validationFraction: 0.1,
  nIterNoChange: 10,
  tol: 1e-7,
  seed: 0,
  nThreads: 'auto',
});

/** Defaults filled in and every value range-checked (`ML_BAD_PARAM` otherwise). */
export function resolveGbdtParams(given: Partial<GbdtParams> = {}): GbdtParams {
  const known = new Set(Object.keys(GBDT_DEFAULTS));
  for (const key of Object.keys(given)) checkParam(known.has(key), key, 'a known GBDT parameter', key);
  const p: GbdtParams = { ...GBDT_DEFAULTS, ...stripUndefined(given) };
  const int = (v: number): boolean => Number.isInteger(v);
  checkParam(int(p.maxIter) && p.maxIter >= 1, 'maxIter', 'an integer ≥ 1', p.maxIter);
  checkParam(p.learningRate > 0 && Number.isFinite(p.learningRate), 'learningRate', '> 0', p.learningRate);
  checkParam(int(p.maxLeaves) && p.maxLeaves >= 2, 'maxLeaves', 'an integer ≥ 2', p.maxLeaves);
  checkParam(
    p.maxDepth === null || (int(p.maxDepth) && p.maxDepth >= 1),
    'maxDepth',
    'null or an integer ≥ 1',
    p.maxDepth,
  );
  checkParam(
    int(p.minSamplesLeaf) && p.minSamplesLeaf >= 1,
    'minSamplesLeaf',
    'an integer ≥ 1',
    p.minSamplesLeaf,
  );
  checkParam(p.minChildWeight >= 0, 'minChildWeight', '≥ 0', p.minChildWeight);
  checkParam(p.l1 >= 0, 'l1', '≥ 0', p.l1);
  checkParam(p.l2 >= 0, 'l2', '≥ 0', p.l2);
  checkParam(p.minGainToSplit >= 0, 'minGainToSplit', '≥ 0', p.minGainToSplit);
  checkParam(
    int(p.maxBins) && p.maxBins >= 2 && p.maxBins <= 255,
    'maxBins',
    'an integer in [2, 255]',
    p.maxBins,
  );
  checkParam(
    int(p.binSubsample) && p.binSubsample >= 1000,
    'binSubsample',
    'an integer ≥ 1000',
    p.binSubsample,
  );
  checkParam(p.subsample > 0 && p.subsample <= 1, 'subsample', 'in (0, 1]', p.subsample);
  checkParam(
    p.featureFraction > 0 && p.featureFraction <= 1,
    'featureFraction',
    'in (0, 1]',
    p.featureFraction,
  );
  checkParam(
    p.featureFractionByNode > 0 && p.featureFractionByNode <= 1,
    'featureFractionByNode',
    'in (0, 1]',
    p.featureFractionByNode,
  );
  checkParam(
    p.earlyStopping === 'auto' || typeof p.earlyStopping === 'boolean',
    'earlyStopping',
    "'auto' or a boolean",
    p.earlyStopping,
  );
  checkParam(
    p.validationFraction > 0 && p.validationFraction < 1,
    'validationFraction',
    'in (0, 1)',
    p.validationFraction,
  );
  checkParam(
    int(p.nIterNoChange) && p.nIterNoChange >= 1,
    'nIterNoChange',
    'an integer ≥ 1',
    p.nIterNoChange,
  );
  checkParam(p.tol >= 0, 'tol', '≥ 0', p.tol);
  checkParam(int(p.seed), 'seed', 'an integer', p.seed);
  checkParam(
    p.nThreads === 'auto' || (int(p.nThreads) && p.nThreads >= 1),
    'nThreads',
    "'auto' or an integer ≥ 1",
    p.nThreads,
  );
  return p;
}

export function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
