/**
 * Accuracy bench: the BASELINES.md protocol (stratified 5-fold / KFold, seed 0, the exact
 * scikit-learn folds) on /work/shared/data for UAM's models, printed next to the baseline
 * numbers and, when /usr/bin/python3 has scikit-learn, next to scikit-learn run now.
 *
 *   node --import tsx bench/ml/accuracy.bench.ts [--no-reference] [--models=gbdt] [--only=glass,cpu]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  accuracy,
  encodeClasses,
  GbdtClassifier,
  GbdtRegressor,
  LinearRegression,
  LogisticRegression,
  logLoss,
  type Matrix,
  Preprocessor,
  RandomForestClassifier,
  RandomForestRegressor,
  r2Score,
  rmse,
  rocAuc,
  rocAucOvr,
} from '../../packages/engine/src/ml/index.ts';
import { type BaselineRow, readBaselines } from './baselines.ts';
import { DATA_DIR, type Dataset, loadCsv } from './datasets.ts';
import { sklearnKFold, sklearnStratifiedKFold } from './sklearn-folds.ts';

const CLASSIFICATION = [
  'breast-cancer',
  'glass',
  'vote',
  'soybean',
  'segment-challenge',
  'labor',
  'sklearn_wine',
  'sklearn_digits',
];
const REGRESSION = ['cpu'];

interface Classifier {
  fit(X: Matrix, y: (string | null)[]): unknown;
  predictProba(X: Matrix): Float64Array;
  readonly classes: readonly string[];
}
interface Regressor {
  fit(X: Matrix, y: number[]): unknown;
  predict(X: Matrix): Float64Array;
}

/** BASELINES.md's LR preprocessing: median imputation + standard scaling, one-hot (missing as a level). */
function linearPre(): Preprocessor {
  return new Preprocessor({
    missingIndicator: 'never',
    scale: 'standard',
    categorical: 'onehot',
    maxCategories: 1e9,
  });
}

/** BASELINES.md's RF preprocessing: median imputation, ordinal codes. */
function forestPre(): Preprocessor {
  return new Preprocessor({ missingIndicator: 'never', scale: 'none', categorical: 'ordinal' });
}

class PreprocessedClassifier implements Classifier {
  constructor(
    private readonly model: LogisticRegression | RandomForestClassifier,
    private readonly pre = linearPre(),
  ) {}
  fit(X: Matrix, y: (string | null)[]): this {
    this.model.fit(this.pre.fitTransform(X), y);
    return this;
  }
  predictProba(X: Matrix): Float64Array {
    return this.model.predictProba(this.pre.transform(X));
  }
  get classes(): readonly string[] {
    return this.model.classes;
  }
}

class PreprocessedRegressor implements Regressor {
  constructor(
    private readonly model: LinearRegression | RandomForestRegressor,
    private readonly pre = linearPre(),
  ) {}
  fit(X: Matrix, y: number[]): this {
    this.model.fit(this.pre.fitTransform(X), y);
    return this;
  }
  predict(X: Matrix): Float64Array {
    return this.model.predict(this.pre.transform(X));
  }
}

/** UAM model id → constructor, and the BASELINES.md / reference model it is compared with. */
/**
 * `seeds`: how many random seeds (0..n-1) a model is scored with, averaged; reference_cv.py does
 * the same for scikit-learn. Random forests on these 200-800-row sets move by ±0.01 AUC from
 * one seed to the next (breast-cancer: 0.674-0.692 over seeds 0-4), which would make a single
 * seed's difference mostly luck.
 */
const MODELS: Record<
  string,
  {
    ref: string;
    baseline: string;
    seeds: number;
    clf: (seed: number) => Classifier;
    reg: (seed: number) => Regressor;
  }
> = {
  gbdt: {
    ref: 'hgb',
    baseline: 'HGB',
    seeds: 1,
    clf: (seed) => new GbdtClassifier({ seed }),
    reg: (seed) => new GbdtRegressor({ seed }),
  },
  lr: {
    ref: 'lr',
    baseline: 'LR',
    seeds: 1,
    clf: () => new PreprocessedClassifier(new LogisticRegression({ maxIter: 2000 })),
    reg: () => new PreprocessedRegressor(new LinearRegression({ penalty: 'l2', alpha: 1 })),
  },
  rf: {
    ref: 'rf',
    baseline: 'RF',
    seeds: 5,
    clf: (seed) =>
      new PreprocessedClassifier(new RandomForestClassifier({ nEstimators: 300, seed }), forestPre()),
    reg: (seed) =>
      new PreprocessedRegressor(new RandomForestRegressor({ nEstimators: 300, seed }), forestPre()),
  },
};

/** Scores averaged over seeds 0..n-1 (fit times summed). */
function overSeeds(n: number, run: (seed: number) => Score): Score {
  const all = Array.from({ length: n }, (_, seed) => run(seed));
  const mean = (k: keyof Score) =>
    all[0][k] === undefined ? undefined : all.reduce((a, s) => a + (s[k] as number), 0) / n;
  return {
    accuracy: mean('accuracy'),
    auc: mean('auc'),
    logloss: mean('logloss'),
    rmse: mean('rmse'),
    r2: mean('r2'),
    fitS: all.reduce((a, s) => a + s.fitS, 0),
  };
}

interface Score {
  accuracy?: number;
  auc?: number;
  logloss?: number;
  rmse?: number;
  r2?: number;
  fitS: number;
}

function evalClassification(ds: Dataset, make: () => Classifier): Score {
  const { codes, classes } = encodeClasses(ds.y);
  const K = classes.length;
  const folds = sklearnStratifiedKFold(codes, 5, 0);
  let acc = 0;
  let auc = 0;
  let ll = 0;
  let fitS = 0;
  for (const { train, test } of folds) {
    const model = make();
    const t0 = performance.now();
    model.fit(
      ds.X.take(train),
      Array.from(train, (i) => ds.y[i]),
    );
    fitS += (performance.now() - t0) / 1000;
    const p = model.predictProba(ds.X.take(test));
    // Re-index the model's classes (those seen in this training fold) to the global ones.
    const proba = new Float64Array(test.length * K);
    const local = model.classes.map((c) => classes.indexOf(c));
    const yTest = Int32Array.from(test, (i) => codes[i]);
    const pred = new Int32Array(test.length);
    for (let i = 0; i < test.length; i++) {
      for (let j = 0; j < local.length; j++) proba[i * K + local[j]] = p[i * local.length + j];
      let best = 0;
      for (let k = 1; k < K; k++) if (proba[i * K + k] > proba[i * K + best]) best = k;
      pred[i] = best;
    }
    acc += accuracy(yTest, pred);
    ll += logLoss(yTest, proba, K);
    auc +=
      K === 2
        ? rocAuc(
            yTest,
            Float64Array.from(yTest, (_, i) => proba[i * 2 + 1]),
          )
        : rocAucOvr(yTest, proba, K);
  }
  const f = folds.length;
  return { accuracy: acc / f, auc: auc / f, logloss: ll / f, fitS };
}

function evalRegression(ds: Dataset, make: () => Regressor): Score {
  const y = ds.y.map(Number);
  const folds = sklearnKFold(y.length, 5, 0);
  let e = 0;
  let r2 = 0;
  let fitS = 0;
  for (const { train, test } of folds) {
    const model = make();
    const t0 = performance.now();
    model.fit(
      ds.X.take(train),
      Array.from(train, (i) => y[i]),
    );
    fitS += (performance.now() - t0) / 1000;
    const pred = model.predict(ds.X.take(test));
    const yt = Array.from(test, (i) => y[i]);
    e += rmse(yt, pred);
    r2 += r2Score(yt, pred);
  }
  return { rmse: e / folds.length, r2: r2 / folds.length, fitS };
}

function runReference(refModels: string[], only: string[]): Record<string, Record<string, Score>> | null {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import sklearn, pandas'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log('(scikit-learn not importable by /usr/bin/python3: reference columns skipped;');
    console.log(' apt-get install -y python3-sklearn python3-pandas to enable them)\n');
    return null;
  }
  const script = fileURLToPath(new URL('./reference_cv.py', import.meta.url));
  const r = spawnSync('/usr/bin/python3', [script, DATA_DIR, refModels.join(','), only.join(',')], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) {
    console.log(`(reference run failed: ${r.stderr.slice(-500)})`);
    return null;
  }
  const raw = JSON.parse(r.stdout) as Record<string, Record<string, Record<string, number>>>;
  const out: Record<string, Record<string, Score>> = {};
  for (const [ds, models] of Object.entries(raw)) {
    out[ds] = {};
    for (const [m, s] of Object.entries(models)) out[ds][m] = { ...s, fitS: s.fit_s };
  }
  return out;
}

const fmt = (v: number | undefined, d = 4): string =>
  v === undefined || Number.isNaN(v) ? '—' : v.toFixed(d);

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined =>
    args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const modelIds = (opt('models') ?? Object.keys(MODELS).join(',')).split(',');
  const only = opt('only')?.split(',') ?? [...CLASSIFICATION, ...REGRESSION];
  const baselines = readBaselines();
  const reference = args.includes('--no-reference')
    ? null
    : runReference(
        modelIds.map((m) => MODELS[m].ref),
        only,
      );
  for (const id of modelIds) {
    const m = MODELS[id];
    console.log(
      `\n## ${id} vs scikit-learn ${m.baseline} (${reference ? 'run now' : 'BASELINES.md only'})${m.seeds > 1 ? `, both sides averaged over seeds 0-${m.seeds - 1}` : ''}\n`,
    );
    console.log(
      '| dataset | target metric | UAM | sklearn now | BASELINES | Δ UAM − sklearn | accuracy UAM / sk | AUC UAM / sk | log loss UAM / sk | fit s UAM / sk |',
    );
    console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    const deltas: number[] = [];
    for (const name of only) {
      const isReg = REGRESSION.includes(name);
      const ds = loadCsv(name, isReg ? 'regression' : 'classification');
      const s = overSeeds(m.seeds, (seed) =>
        isReg ? evalRegression(ds, () => m.reg(seed)) : evalClassification(ds, () => m.clf(seed)),
      );
      const ref = reference?.[name]?.[m.ref];
      const base: BaselineRow | undefined =
        baselines[name]?.[isReg && m.baseline === 'LR' ? 'Ridge' : m.baseline];
      if (isReg) {
        const target = ref?.rmse ?? base?.rmse;
        const delta = target === undefined ? Number.NaN : s.rmse! - target;
        console.log(
          `| ${name} | RMSE (lower) | ${fmt(s.rmse)} | ${fmt(ref?.rmse)} | ${fmt(base?.rmse)} | ${fmt(delta)} | R² ${fmt(s.r2)} / ${fmt(ref?.r2 ?? base?.r2)} | | | ${fmt(s.fitS, 2)} / ${fmt(ref?.fitS ?? base?.fitS, 2)} |`,
        );
        continue;
      }
      const multiclass = new Set(ds.y).size > 2;
      // GBDT is judged on accuracy for multiclass (the issue's rule); linear/forest models on AUC.
      const key = multiclass && id === 'gbdt' ? 'accuracy' : 'auc';
      const target = ref?.[key] ?? base?.[key];
      const delta = target === undefined ? Number.NaN : s[key]! - target;
      deltas.push(delta);
      console.log(
        `| ${name} | ${key === 'accuracy' ? 'accuracy' : 'ROC AUC'} | ${fmt(s[key])} | ${fmt(ref?.[key])} | ${fmt(base?.[key])} | ${delta >= -0.005 ? '' : '**'}${fmt(delta)}${delta >= -0.005 ? '' : '**'} | ${fmt(s.accuracy)} / ${fmt(ref?.accuracy ?? base?.accuracy)} | ${fmt(s.auc)} / ${fmt(ref?.auc ?? base?.auc)} | ${fmt(s.logloss)} / ${fmt(ref?.logloss ?? base?.logloss)} | ${fmt(s.fitS, 2)} / ${fmt(ref?.fitS ?? base?.fitS, 2)} |`,
      );
    }
    if (deltas.length > 0) {
      const mean = deltas.reduce((a, b) => a + b, 0) / deltas.length;
      const rule =
        id === 'gbdt'
          ? 'target ≥ 0; each ≥ −0.005'
          : id === 'lr'
            ? 'target: each within 0.005'
            : 'target: each within 0.01';
      console.log(`\nmean Δ over classification datasets: ${fmt(mean)} (${rule})`);
    }
  }
}

main();
