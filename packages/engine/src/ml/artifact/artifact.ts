import { MlError } from '../errors.ts';
import { GbdtClassifier, type GbdtClassifierJson } from '../gbdt/gbdt-classifier.ts';
import { GbdtRegressor, type GbdtRegressorJson } from '../gbdt/gbdt-regressor.ts';
import { LinearRegression, type LinearRegressionJson } from '../linear/linear-regression.ts';
import { LogisticRegression, type LogisticRegressionJson } from '../linear/logistic-regression.ts';
import { NaiveBayesClassifier, type NaiveBayesJson } from '../naive-bayes/naive-bayes.ts';
import { KNeighborsClassifier, KNeighborsRegressor, type KnnJson } from '../neighbors/knn.ts';
import { Preprocessor, type PreprocessorJson } from '../preprocess/preprocessor.ts';
import { DecisionTreeClassifier, DecisionTreeRegressor } from '../tree/decision-tree.ts';
import {
  ExtraTreesClassifier,
  ExtraTreesRegressor,
  RandomForestClassifier,
  RandomForestRegressor,
} from '../tree/forest.ts';
import type { TreeEnsembleJson } from '../tree/tree-ensemble.ts';
import { Pipeline, type SupervisedModel } from './pipeline.ts';

/** Bumped on any change a reader of the previous version cannot load. */
export const ARTIFACT_FORMAT_VERSION = 1;
export const ML_LIBRARY_VERSION = '0.1.0';

/**
 * A fitted pipeline as plain JSON: input schema, preprocessing, model and metadata. Everything a
 * prediction service needs, nothing it has to recompute.
 */
export interface ModelArtifact {
  formatVersion: number;
  library: { name: '@uam/engine/ml'; version: string };
  createdAt: string;
  task: 'classification' | 'regression';
  target: string | null;
  schema: { name: string; kind: string }[];
  classes: string[] | null;
  preprocessor: PreprocessorJson | null;
  model: { kind: string };
  metrics: Record<string, unknown>;
}

type Loader = (json: never) => SupervisedModel;

/** Model kinds an artifact can hold; each model class registers its `fromJSON`. */
const LOADERS = new Map<string, Loader>([
  ['gbdt_classifier', (j: GbdtClassifierJson) => GbdtClassifier.fromJSON(j)],
  ['gbdt_regressor', (j: GbdtRegressorJson) => GbdtRegressor.fromJSON(j)],
  ['logistic_regression', (j: LogisticRegressionJson) => LogisticRegression.fromJSON(j)],
  ['linear_regression', (j: LinearRegressionJson) => LinearRegression.fromJSON(j)],
  ['random_forest_classifier', (j: TreeEnsembleJson) => RandomForestClassifier.fromJSON(j)],
  ['random_forest_regressor', (j: TreeEnsembleJson) => RandomForestRegressor.fromJSON(j)],
  ['extra_trees_classifier', (j: TreeEnsembleJson) => ExtraTreesClassifier.fromJSON(j)],
  ['extra_trees_regressor', (j: TreeEnsembleJson) => ExtraTreesRegressor.fromJSON(j)],
  ['decision_tree_classifier', (j: TreeEnsembleJson) => DecisionTreeClassifier.fromJSON(j)],
  ['decision_tree_regressor', (j: TreeEnsembleJson) => DecisionTreeRegressor.fromJSON(j)],
  ['knn_classifier', (j: KnnJson) => KNeighborsClassifier.fromJSON(j)],
  ['knn_regressor', (j: KnnJson) => KNeighborsRegressor.fromJSON(j)],
  ['naive_bayes', (j: NaiveBayesJson) => NaiveBayesClassifier.fromJSON(j)],
] as [string, Loader][]);

/** Register another model kind for `loadArtifact` (duplicate kinds throw). */
export function registerModelKind(kind: string, load: Loader): void {
  if (LOADERS.has(kind)) throw new MlError('ML_BAD_PARAM', `Model kind "${kind}" is already registered`);
  LOADERS.set(kind, load);
}

export function saveArtifact(
  pipeline: Pipeline,
  meta: { target?: string; metrics?: Record<string, unknown>; createdAt?: Date } = {},
): ModelArtifact {
  const task = pipeline.task;
  return {
    formatVersion: ARTIFACT_FORMAT_VERSION,
    library: { name: '@uam/engine/ml', version: ML_LIBRARY_VERSION },
    createdAt: (meta.createdAt ?? new Date()).toISOString(),
    task,
    target: meta.target ?? null,
    schema: pipeline.schema,
    classes: task === 'classification' ? [...pipeline.classes] : null,
    preprocessor: pipeline.preprocessor === null ? null : pipeline.preprocessor.toJSON(),
    model: pipeline.model.toJSON(),
    metrics: structuredClone(meta.metrics ?? {}),
  };
}

/**
 * Rebuild a pipeline from an artifact. A newer `formatVersion` fails with
 * `ML_ARTIFACT_VERSION` (upgrade the reader); anything malformed with `ML_ARTIFACT_INVALID`.
 */
export function loadArtifact(json: unknown): Pipeline {
  if (typeof json !== 'object' || json === null)
    throw new MlError('ML_ARTIFACT_INVALID', 'An artifact must be an object');
  const a = json as Partial<ModelArtifact>;
  if (!Number.isInteger(a.formatVersion) || (a.formatVersion as number) < 1) {
    throw new MlError('ML_ARTIFACT_INVALID', 'The artifact has no valid formatVersion');
  }
  if ((a.formatVersion as number) > ARTIFACT_FORMAT_VERSION) {
    throw new MlError(
      'ML_ARTIFACT_VERSION',
      `Artifact format ${a.formatVersion} is newer than this library reads (${ARTIFACT_FORMAT_VERSION})`,
      { formatVersion: a.formatVersion, supported: ARTIFACT_FORMAT_VERSION, writtenBy: a.library?.version },
    );
  }
  const kind = a.model?.kind;
  const load = kind === undefined ? undefined : LOADERS.get(kind);
  if (load === undefined) throw new MlError('ML_ARTIFACT_INVALID', `Unknown model kind "${String(kind)}"`);
  if (!Array.isArray(a.schema)) throw new MlError('ML_ARTIFACT_INVALID', 'The artifact has no input schema');
  const model = load(a.model as never);
  const pre = a.preprocessor ? Preprocessor.fromJSON(a.preprocessor) : null;
  const pipeline = new Pipeline(model, pre);
  pipeline.restoreSchema(a.schema);
  return pipeline;
}
