import type { Algorithm, Model, ModelStatus, ModelTask } from '../api/model-types.ts';

export const ALGORITHM_LABELS: Record<Algorithm, string> = {
  gbdt: 'Gradient-boosted trees',
  random_forest: 'Random forest',
  extra_trees: 'Extra trees',
  logistic_regression: 'Logistic regression',
  linear_regression: 'Linear regression',
  knn: 'k-nearest neighbours',
  naive_bayes: 'Naive Bayes',
  decision_tree: 'Decision tree',
  kmeans: 'k-means clustering',
  pca: 'PCA',
  isolation_forest: 'Isolation forest (anomalies)',
};

/** Which tasks each algorithm can learn; the last three learn without a target. */
export const ALGORITHM_TASKS: Record<Algorithm, ModelTask[]> = {
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

export const UNSUPERVISED: Algorithm[] = ['kmeans', 'pca', 'isolation_forest'];

export const STATUS_COLORS: Record<ModelStatus, string> = { training: 'blue', ready: 'teal', failed: 'red' };

const METRIC_LABELS: Record<string, string> = {
  rocAuc: 'ROC AUC',
  prAuc: 'PR AUC',
  accuracy: 'Accuracy',
  balancedAccuracy: 'Balanced accuracy',
  precision: 'Precision',
  recall: 'Recall',
  f1: 'F1',
  logLoss: 'Log loss',
  brier: 'Brier score',
  rmse: 'RMSE',
  mae: 'MAE',
  r2: 'R²',
  mape: 'MAPE',
  silhouette: 'Silhouette',
  inertia: 'Inertia',
  explainedVariance: 'Explained variance',
  components: 'Components',
  anomalies: 'Anomalies',
  anomalyRate: 'Anomaly rate',
  threshold: 'Score threshold',
};

export function metricLabel(name: string): string {
  return METRIC_LABELS[name] ?? name;
}

export function formatMetric(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  const a = Math.abs(v);
  if (Number.isInteger(v)) return v.toLocaleString();
  if (a >= 1000) return v.toLocaleString(undefined, { maximumFractionDigits: 1 });
  return v.toFixed(a < 0.001 ? 6 : 4);
}

/** "ROC AUC 0.9812" for lists; empty when the model has no score yet. */
export function keyMetric(m: Model): string {
  const p = m.metrics?.primary;
  return p ? `${metricLabel(p.name)} ${formatMetric(p.value)}` : '';
}

/** Scalar metrics in display order (primary first), without bookkeeping entries. */
export function scalarMetrics(m: Model): [string, number | null][] {
  const metrics = m.metrics ?? {};
  const primary = metrics.primary?.name;
  const entries = Object.entries(metrics).filter(
    (e): e is [string, number | null] => typeof e[1] === 'number' || e[1] === null,
  );
  return entries.sort((a, b) => (a[0] === primary ? -1 : b[0] === primary ? 1 : 0));
}
