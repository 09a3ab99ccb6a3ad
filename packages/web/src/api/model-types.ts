import type { ErrorBody, Job } from './types.ts';

export type Algorithm =
  | 'gbdt'
  | 'random_forest'
  | 'extra_trees'
  | 'logistic_regression'
  | 'linear_regression'
  | 'knn'
  | 'naive_bayes'
  | 'decision_tree'
  | 'kmeans'
  | 'pca'
  | 'isolation_forest';

export type ModelTask = 'classification' | 'regression' | 'clustering' | 'decomposition' | 'anomaly';
export type ModelStatus = 'training' | 'ready' | 'failed';
export type Validation = { kind: 'holdout'; testFraction?: number } | { kind: 'kfold'; folds?: number };

export interface PrimaryMetric {
  name: string;
  value: number | null;
  higherIsBetter: boolean;
}

export interface ModelMetrics {
  primary?: PrimaryMetric;
  rows?: { train: number; test: number };
  [name: string]: unknown;
}

export interface ModelReport {
  classes?: string[];
  positiveClass?: string;
  confusionMatrix?: number[][];
  roc?: { fpr: (number | null)[]; tpr: (number | null)[] } | null;
  pr?: { recall: (number | null)[]; precision: (number | null)[] } | null;
  calibration?: { probPred: (number | null)[]; probTrue: (number | null)[]; counts: number[] } | null;
  featureImportance?: { feature: string; importance: number }[] | null;
  history?: { iterations: { iteration: number; trainLoss?: number; validationLoss?: number }[] } | null;
  scatter?: { actual: number[]; predicted: number[] };
  clusterSizes?: number[];
  explainedVarianceRatio?: number[];
  [key: string]: unknown;
}

export interface Model {
  id: string;
  projectId: string;
  datasetId: string;
  datasetVersionId: string;
  version: number;
  name: string;
  target: string | null;
  task: ModelTask;
  algorithm: Algorithm;
  params: Record<string, unknown>;
  validation: Record<string, unknown>;
  status: ModelStatus;
  metrics: ModelMetrics | null;
  report?: ModelReport | null;
  features: string[];
  warnings: { code: string; message: string }[];
  artifactBytes: number | null;
  jobId: string | null;
  error: ErrorBody | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface TrainBody {
  projectId: string;
  datasetId: string;
  version?: number;
  target?: string | null;
  task?: ModelTask;
  algorithm: Algorithm;
  params?: Record<string, unknown>;
  validation?: Validation;
  name?: string;
}

export interface Prediction {
  prediction: string | number | number[] | null;
  probabilities?: Record<string, number>;
  score?: number;
}

export interface PredictAnswer {
  predictions: Prediction[];
  missingColumns: string[];
  ignoredColumns: string[];
}

export interface TrainAccepted {
  model: Model;
  job: Job;
}
