import type { ModelTask } from '../../adapters/db/schema.ts';
import { buildPipeline, buildUnsupervised } from './build-model.ts';
import { type Algorithm, isSupervised, MIN_SUPERVISED_ROWS, type Validation } from './model-catalog.ts';
import {
  type Column,
  encodeClasses,
  holdoutSplit,
  type IsolationForest,
  KMeans,
  kFold,
  type Matrix,
  MlError,
  type MlWarning,
  numericTarget,
  PCA,
  type Pipeline,
  Preprocessor,
  saveArtifact,
  silhouetteScore,
  splitTarget,
  stratifiedKFold,
} from './model-engine.ts';
import { type Evaluation, evaluateClassification, evaluateRegression } from './model-metrics.ts';

export interface TrainRequest {
  target: string | null;
  task: ModelTask;
  algorithm: Algorithm;
  params: Record<string, unknown>;
  validation: Validation;
  seed: number;
}

export interface TrainHooks {
  /** Fraction in [0, 1] of the training step and a message for people. */
  progress(fraction: number, message: string): void;
  signal?: AbortSignal;
}

export interface Warning {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/** What a training run hands back: the artifact to store and what the model row shows. */
export interface TrainOutcome {
  artifact: Record<string, unknown>;
  metrics: Record<string, unknown>;
  report: Record<string, unknown>;
  features: string[];
  warnings: Warning[];
}

/** Format tag of the artifacts of k-means, PCA and isolation forests (the engine's are supervised). */
export const UNSUPERVISED_ARTIFACT = 'uam-unsupervised';

/**
 * Train one model on a loaded dataset version and evaluate it. Holdout validation (default)
 * evaluates the stored model on rows it never saw; k-fold evaluates out-of-fold predictions of
 * k models, then stores one fitted on every row. All-missing feature columns are dropped with a
 * warning; everything else unusable is a typed MlError.
 */
export function trainModel(data: Matrix, req: TrainRequest, hooks: TrainHooks): TrainOutcome {
  const target = req.target;
  const { X: all, y } = target === null ? { X: data, y: null } : splitTarget(data, target);
  const empty = dropEmptyColumns(all);
  const idLike = dropIdLikeColumns(empty.X);
  const X = idLike.X;
  const warnings = [...empty.warnings, ...idLike.warnings];
  if (X.nCols === 0) throw new MlError('ML_NO_FEATURES', 'Every feature column is empty');
  if (!isSupervised(req.algorithm)) return trainUnsupervised(X, req, warnings, hooks);
  const t = prepareTarget(y!, req.task);
  const rows = t.keep;
  if (rows.length < data.nRows) {
    warnings.push({
      code: 'ML_ROWS_DROPPED',
      message: `${data.nRows - rows.length} row(s) with a missing target were left out`,
      details: { rows: data.nRows - rows.length },
    });
  }
  if (rows.length < MIN_SUPERVISED_ROWS) {
    throw new MlError('ML_NO_ROWS', `Training needs at least ${MIN_SUPERVISED_ROWS} rows with a target`, {
      rows: rows.length,
    });
  }
  const Xk = rows.length === X.nRows ? X : X.take(rows);
  const splits =
    req.validation.kind === 'holdout'
      ? [
          holdoutSplit(rows.length, {
            testFraction: req.validation.testFraction,
            stratify: t.codes ?? undefined,
            seed: req.seed,
          }),
        ]
      : t.codes
        ? stratifiedKFold(t.codes, { k: req.validation.folds, seed: req.seed })
        : kFold(rows.length, { k: req.validation.folds, seed: req.seed });
  const K = t.classes?.length ?? 0;
  const oofProba = t.codes ? new Float64Array(rows.length * K) : null;
  const oofPred = t.codes ? null : new Float64Array(rows.length);
  const tested = new Uint8Array(rows.length);
  let last: Pipeline | null = null;
  let history: Record<string, unknown> | null = null;
  const steps = splits.length + (req.validation.kind === 'kfold' ? 1 : 0);
  for (let s = 0; s < splits.length; s++) {
    const split = splits[s]!;
    const label = splits.length > 1 ? `fold ${s + 1}/${splits.length}` : 'training';
    const fitted = fit(
      req,
      Xk.take(split.train),
      t.labelsAt(split.train),
      hooks,
      s / steps,
      1 / steps,
      label,
    );
    last = fitted.pipeline;
    history = fitted.history;
    const Xt = Xk.take(split.test);
    if (oofProba) scatterProba(fitted.pipeline, Xt, split.test, t.classes!, oofProba);
    else {
      const pred = fitted.pipeline.predict(Xt);
      for (let i = 0; i < split.test.length; i++) oofPred![split.test[i]!] = pred[i]!;
    }
    for (const i of split.test) tested[i] = 1;
  }
  if (req.validation.kind === 'kfold') {
    const all = Uint32Array.from({ length: rows.length }, (_, i) => i);
    const fitted = fit(req, Xk, t.labelsAt(all), hooks, (steps - 1) / steps, 1 / steps, 'final model');
    last = fitted.pipeline;
    history = fitted.history;
  }
  const evalList: number[] = [];
  for (let i = 0; i < rows.length; i++) if (tested[i]) evalList.push(i);
  const evalRows = Uint32Array.from(evalList);
  hooks.progress(0.97, 'Scoring the model');
  const evaluation = t.codes
    ? evaluateClassification(
        Int32Array.from(evalRows, (i) => t.codes![i]!),
        gatherRows(oofProba!, evalRows, K),
        t.classes!,
      )
    : evaluateRegression(
        Float64Array.from(evalRows, (i) => t.values![i]!),
        Float64Array.from(evalRows, (i) => oofPred![i]!),
      );
  const pipeline = last!;
  for (const w of modelWarnings(pipeline.model)) warnings.push({ ...w, details: { ...w.details } });
  return {
    artifact: saveArtifact(pipeline, { target: target ?? undefined, metrics: evaluation.metrics }) as never,
    metrics: summary(
      evaluation,
      { train: rows.length - evalRows.length, test: evalRows.length },
      req.validation,
    ),
    report: { ...evaluation.report, featureImportance: importance(pipeline), history },
    features: X.names,
    warnings,
  };
}

interface PreparedTarget {
  keep: Uint32Array;
  /** Classification: class codes of the kept rows, and the classes. */
  codes: Int32Array | null;
  classes: string[] | null;
  /** Regression: target values of the kept rows. */
  values: Float64Array | null;
  /** Target values of kept rows at the given positions, as a model's `fit` takes them. */
  labelsAt(positions: Uint32Array): string[] | Float64Array;
}

function prepareTarget(y: Column, task: ModelTask): PreparedTarget {
  if (task === 'classification') {
    const enc = encodeClasses(y);
    const keepList: number[] = [];
    for (let i = 0; i < enc.codes.length; i++) if (enc.codes[i]! >= 0) keepList.push(i);
    if (keepList.length === 0) throw new MlError('ML_TARGET_ALL_MISSING');
    const keep = Uint32Array.from(keepList);
    const codes = Int32Array.from(keep, (i) => enc.codes[i]!);
    const present = new Set(codes);
    if (present.size < 2) {
      throw new MlError('ML_TARGET_ONE_CLASS', undefined, {
        classes: [...present].map((k) => enc.classes[k]),
      });
    }
    const classes = [...enc.classes];
    return {
      keep,
      codes,
      classes,
      values: null,
      labelsAt: (pos) => Array.from(pos, (i) => classes[codes[i]!]!),
    };
  }
  const all = numericTarget(y);
  const keepList: number[] = [];
  for (let i = 0; i < all.length; i++) {
    const v = all[i]!;
    if (Number.isNaN(v)) continue;
    if (!Number.isFinite(v))
      throw new MlError('ML_NON_FINITE', 'The target holds an infinite value', { row: i });
    keepList.push(i);
  }
  if (keepList.length === 0) throw new MlError('ML_TARGET_ALL_MISSING');
  const keep = Uint32Array.from(keepList);
  const values = Float64Array.from(keep, (i) => all[i]!);
  return {
    keep,
    codes: null,
    classes: null,
    values,
    labelsAt: (pos) => Float64Array.from(pos, (i) => values[i]!),
  };
}

function fit(
  req: TrainRequest,
  X: Matrix,
  y: string[] | Float64Array,
  hooks: TrainHooks,
  base: number,
  span: number,
  label: string,
): { pipeline: Pipeline; history: Record<string, unknown> | null } {
  const pipeline = buildPipeline(req.algorithm, req.task, req.params);
  const at = (f: number) => 0.1 + 0.85 * (base + span * f);
  hooks.progress(at(0), `${cap(label)}: fitting ${req.algorithm} on ${X.nRows} rows`);
  const iterations: Array<{ iteration: number; trainLoss?: number; validationLoss?: number }> = [];
  const opts = {
    signal: hooks.signal,
    recordTrainLoss: req.algorithm === 'gbdt',
    onIteration: (info: {
      iteration: number;
      maxIter: number;
      trainLoss?: number;
      validationLoss?: number;
    }) => {
      iterations.push({
        iteration: info.iteration,
        trainLoss: info.trainLoss,
        validationLoss: info.validationLoss,
      });
      const parts = [`${cap(label)}: iteration ${info.iteration}/${info.maxIter}`];
      if (info.trainLoss !== undefined) parts.push(`train loss ${info.trainLoss.toFixed(5)}`);
      if (info.validationLoss !== undefined) parts.push(`validation loss ${info.validationLoss.toFixed(5)}`);
      hooks.progress(at(info.iteration / info.maxIter), parts.join(' · '));
      if (hooks.signal?.aborted) throw hooks.signal.reason;
    },
  };
  pipeline.fit(X, y, opts as never);
  return { pipeline, history: iterations.length > 0 ? { iterations } : null };
}

/** Probabilities of a fold's test rows, written into the n × K matrix in the full class order. */
function scatterProba(
  pipeline: Pipeline,
  X: Matrix,
  rows: Uint32Array,
  classes: readonly string[],
  out: Float64Array,
): void {
  const K = classes.length;
  const own = pipeline.classes;
  const at = own.map((c) => classes.indexOf(c));
  const p = pipeline.predictProba(X);
  for (let i = 0; i < rows.length; i++) {
    for (let k = 0; k < own.length; k++) out[rows[i]! * K + at[k]!] = p[i * own.length + k]!;
  }
}

function gatherRows(m: Float64Array, rows: Uint32Array, K: number): Float64Array {
  const out = new Float64Array(rows.length * K);
  for (let i = 0; i < rows.length; i++) out.set(m.subarray(rows[i]! * K, rows[i]! * K + K), i * K);
  return out;
}

function dropEmptyColumns(X: Matrix): { X: Matrix; warnings: Warning[] } {
  const empty = X.columns.filter((c) => {
    if (c.kind === 'categorical') return c.codes.every((v) => v < 0);
    for (let i = 0; i < c.values.length; i++) if (!Number.isNaN(c.values[i]!)) return false;
    return true;
  });
  if (empty.length === 0) return { X, warnings: [] };
  const names = empty.map((c) => c.name);
  return {
    X: X.without(names),
    warnings: [
      {
        code: 'MODEL_EMPTY_FEATURES_DROPPED',
        message: `Column(s) with no values were left out: ${names.join(', ')}`,
        details: { columns: names },
      },
    ],
  };
}

/** A text column with more distinct values than this share of its rows names rows rather than groups them. */
const ID_LIKE_SHARE = 0.5;
const ID_LIKE_MIN_LEVELS = 20;

/**
 * Names, titles, order numbers kept as text: a tree splits on them perfectly in training and
 * then meets only unseen values (cars' `Name` made random forests worse than a constant), and
 * one-hot encoding them adds a column per row. They are left out with a warning, unless
 * nothing else is left.
 */
function dropIdLikeColumns(X: Matrix): { X: Matrix; warnings: Warning[] } {
  const idLike: { name: string; distinct: number; rows: number }[] = [];
  for (const c of X.columns) {
    if (c.kind !== 'categorical') continue;
    const seen = new Uint8Array(c.levels.length);
    let rows = 0;
    let distinct = 0;
    for (let i = 0; i < c.codes.length; i++) {
      const v = c.codes[i]!;
      if (v < 0) continue;
      rows++;
      if (seen[v] === 0) {
        seen[v] = 1;
        distinct++;
      }
    }
    if (distinct >= ID_LIKE_MIN_LEVELS && distinct > ID_LIKE_SHARE * rows)
      idLike.push({ name: c.name, distinct, rows });
  }
  if (idLike.length === 0 || idLike.length === X.nCols) return { X, warnings: [] };
  const names = idLike.map((c) => c.name);
  return {
    X: X.without(names),
    warnings: [
      {
        code: 'MODEL_ID_LIKE_DROPPED',
        message: `Column(s) whose values nearly all differ (names, codes, free text) were left out: ${names.join(', ')}`,
        details: { columns: idLike },
      },
    ],
  };
}

function modelWarnings(model: unknown): readonly MlWarning[] {
  const w = (model as { warnings?: readonly MlWarning[] }).warnings;
  return Array.isArray(w) ? w : [];
}

/** Per-feature importance where the model has one, largest first. */
function importance(pipeline: Pipeline): Array<{ feature: string; importance: number }> | null {
  const m = pipeline.model as unknown as {
    featureImportance?: (kind?: 'gain') => Array<{ feature: string; importance: number }>;
    coef?: Float64Array | number[];
    featureNames?: string[];
  };
  let list: Array<{ feature: string; importance: number }> | null = null;
  if (typeof m.featureImportance === 'function') list = m.featureImportance('gain');
  else if (m.coef && m.featureNames) {
    const names = m.featureNames;
    const p = names.length;
    const coef = m.coef;
    const outputs = coef.length / p;
    list = names.map((feature, j) => {
      let s = 0;
      for (let o = 0; o < outputs; o++) s += Math.abs(coef[o * p + j]!);
      return { feature, importance: s / outputs };
    });
  }
  if (!list) return null;
  return [...list]
    .filter((f) => Number.isFinite(f.importance))
    .sort((a, b) => b.importance - a.importance)
    .slice(0, 50);
}

function summary(e: Evaluation, rows: { train: number; test: number }, validation: Validation) {
  return { ...e.metrics, primary: e.primary, rows, validation };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** k-means, PCA and isolation forests: default preprocessing, fit on every row, describe the result. */
function trainUnsupervised(
  X: Matrix,
  req: TrainRequest,
  warnings: Warning[],
  hooks: TrainHooks,
): TrainOutcome {
  hooks.progress(0.1, `Fitting ${req.algorithm} on ${X.nRows} rows`);
  const pre = new Preprocessor();
  const Z = pre.fitTransform(X);
  const model = buildUnsupervised(req.algorithm, req.params);
  model.fit(Z);
  hooks.progress(0.9, 'Describing the result');
  let metrics: Record<string, unknown>;
  let report: Record<string, unknown>;
  if (model instanceof KMeans) {
    const labels = model.predict(Z);
    const k = model.params.k;
    const sizes = new Array<number>(k).fill(0);
    for (const l of labels) sizes[l]!++;
    const design = new Float64Array(Z.nRows * Z.nCols);
    Z.columns.forEach((c, j) => {
      if (c.kind === 'categorical') return;
      for (let i = 0; i < Z.nRows; i++) design[i * Z.nCols + j] = c.values[i]!;
    });
    const silhouette =
      k > 1 && Z.nRows > k
        ? silhouetteScore(design, Z.nCols, labels, { sampleSize: Math.min(2000, Z.nRows), seed: req.seed })
        : null;
    metrics = {
      inertia: model.inertia,
      silhouette,
      primary: { name: 'silhouette', value: silhouette, higherIsBetter: true },
    };
    report = { clusterSizes: sizes, nIter: model.nIter };
  } else if (model instanceof PCA) {
    const ratio = Array.from(model.explainedVarianceRatio);
    metrics = {
      explainedVariance: ratio.reduce((a, b) => a + b, 0),
      components: ratio.length,
      primary: { name: 'explainedVariance', value: ratio.reduce((a, b) => a + b, 0), higherIsBetter: true },
    };
    report = { explainedVarianceRatio: ratio, inputs: pre.outputNames };
  } else {
    const iso = model as IsolationForest;
    const scores = iso.scoreSamples(Z);
    const flags = iso.predict(Z);
    const anomalies = flags.reduce((a, b) => a + b, 0);
    const sorted = Float64Array.from(scores).sort();
    const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
    metrics = {
      anomalies,
      anomalyRate: anomalies / Z.nRows,
      threshold: iso.threshold,
      primary: { name: 'anomalyRate', value: anomalies / Z.nRows, higherIsBetter: false },
    };
    report = {
      scoreQuantiles: { min: sorted[0], q1: q(0.25), median: q(0.5), q3: q(0.75), max: sorted.at(-1) },
    };
  }
  return {
    artifact: {
      format: UNSUPERVISED_ARTIFACT,
      formatVersion: 1,
      algorithm: req.algorithm,
      schema: X.columns.map((c) => ({ name: c.name, kind: c.kind })),
      preprocessor: pre.toJSON(),
      model: model.toJSON(),
      createdAt: new Date().toISOString(),
    },
    metrics: { ...metrics, rows: { train: X.nRows, test: 0 } },
    report,
    features: X.names,
    warnings,
  };
}
