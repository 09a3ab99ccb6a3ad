import type { ModelTask } from '../../adapters/db/schema.ts';
import { UamError } from '../../errors/index.ts';

/**
 * What can be trained, without loading the engine: algorithm ids, the tasks each one serves,
 * and the checks a training request gets from the version's schema before any job starts.
 */
export const SUPERVISED_ALGORITHMS = [
  'gbdt',
  'random_forest',
  'extra_trees',
  'logistic_regression',
  'linear_regression',
  'knn',
  'naive_bayes',
  'decision_tree',
] as const;
export const UNSUPERVISED_ALGORITHMS = ['kmeans', 'pca', 'isolation_forest'] as const;
export const ALGORITHMS = [...SUPERVISED_ALGORITHMS, ...UNSUPERVISED_ALGORITHMS] as const;
export type Algorithm = (typeof ALGORITHMS)[number];
export type SupervisedTask = 'classification' | 'regression';

/** The tasks each algorithm can learn. */
export const ALGORITHM_TASKS: Record<Algorithm, readonly ModelTask[]> = {
  gbdt: ['classification', 'regression'],
  random_forest: ['classification', 'regression'],
  extra_trees: ['classification', 'regression'],
  logistic_regression: ['classification'],
  linear_regression: ['regression'],
  knn: ['classification', 'regression'],
  naive_bayes: ['classification'],
  decision_tree: ['classification', 'regression'],
  kmeans: ['clustering'],
  pca: ['decomposition'],
  isolation_forest: ['anomaly'],
};

export const isSupervised = (a: Algorithm): boolean =>
  (SUPERVISED_ALGORITHMS as readonly string[]).includes(a);

/** Fewest rows with a target a supervised model trains on (it must leave rows to validate on). */
export const MIN_SUPERVISED_ROWS = 10;
/** Fewest rows for k-means, PCA and isolation forests. */
export const MIN_UNSUPERVISED_ROWS = 2;
/** An integer target with at most this many distinct values is a classification target. */
export const MAX_INTEGER_CLASSES = 20;

export type Validation = { kind: 'holdout'; testFraction: number } | { kind: 'kfold'; folds: number };
export const DEFAULT_VALIDATION: Validation = { kind: 'holdout', testFraction: 0.2 };

/** The parts of a version's column schema and statistics these checks read. */
export interface TargetFacts {
  name: string;
  storageType: string;
  missingCount: number;
  /** Distinct non-missing values, estimated (e.g. in the ingest's inference sample); null when unknown. */
  distinct: number | null;
  /** True when the version's statistics prove a single non-missing value (min = max). */
  singleValue: boolean;
}

/**
 * The task of a training request: given, or inferred from the target (text and booleans →
 * classification; integers with few distinct values → classification; other numbers →
 * regression). Throws the typed errors a request can get before its job starts.
 */
export function resolveTask(
  algorithm: Algorithm,
  target: TargetFacts | null,
  rowCount: number,
  given?: ModelTask,
): ModelTask {
  if (!isSupervised(algorithm)) {
    const task = ALGORITHM_TASKS[algorithm][0]!;
    if (given && given !== task) throw taskError(algorithm, given);
    if (rowCount < MIN_UNSUPERVISED_ROWS) throw tooFewRows(rowCount, MIN_UNSUPERVISED_ROWS);
    return task;
  }
  if (!target) {
    throw new UamError('MODEL_TARGET_REQUIRED', `"${algorithm}" needs a target column`, { algorithm });
  }
  if (rowCount - target.missingCount <= 0) {
    throw new UamError('MODEL_TARGET_ALL_MISSING', `Every value of "${target.name}" is missing`, {
      target: target.name,
    });
  }
  if (rowCount - target.missingCount < MIN_SUPERVISED_ROWS) {
    throw tooFewRows(rowCount - target.missingCount, MIN_SUPERVISED_ROWS);
  }
  if (['date', 'datetime', 'time'].includes(target.storageType)) {
    throw new UamError(
      'MODEL_TARGET_INVALID',
      `"${target.name}" is a ${target.storageType}; pick a category or a number`,
      {
        target: target.name,
        storageType: target.storageType,
      },
    );
  }
  const numeric = ['integer', 'float', 'decimal'].includes(target.storageType);
  const task: ModelTask =
    given ??
    (!numeric ||
    (target.storageType === 'integer' && target.distinct !== null && target.distinct <= MAX_INTEGER_CLASSES)
      ? 'classification'
      : 'regression');
  if (task === 'regression' && !numeric) {
    throw new UamError(
      'MODEL_TARGET_NOT_NUMERIC',
      `"${target.name}" holds ${target.storageType} values; regression needs numbers`,
      {
        target: target.name,
        storageType: target.storageType,
      },
    );
  }
  if (task === 'classification' && target.singleValue) {
    throw new UamError(
      'MODEL_TARGET_ONE_CLASS',
      `"${target.name}" has a single value; there is nothing to classify`,
      {
        target: target.name,
      },
    );
  }
  if (!ALGORITHM_TASKS[algorithm].includes(task)) throw taskError(algorithm, task);
  return task;
}

function taskError(algorithm: Algorithm, task: ModelTask): UamError {
  return new UamError('MODEL_ALGORITHM_TASK', `"${algorithm}" does not do ${task}`, {
    algorithm,
    task,
    supported: ALGORITHM_TASKS[algorithm],
  });
}

function tooFewRows(rows: number, needed: number): UamError {
  return new UamError('MODEL_TOO_FEW_ROWS', `Training needs at least ${needed} rows; the data has ${rows}`, {
    rows,
    needed,
  });
}
