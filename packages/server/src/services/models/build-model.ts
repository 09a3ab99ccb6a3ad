import type { ModelTask } from '../../adapters/db/schema.ts';
import type { Algorithm } from './model-catalog.ts';
import {
  DecisionTreeClassifier,
  DecisionTreeRegressor,
  ExtraTreesClassifier,
  ExtraTreesRegressor,
  GbdtClassifier,
  GbdtRegressor,
  IsolationForest,
  KMeans,
  KNeighborsClassifier,
  KNeighborsRegressor,
  LinearRegression,
  LogisticRegression,
  MlError,
  NaiveBayesClassifier,
  PCA,
  Pipeline,
  Preprocessor,
  RandomForestClassifier,
  RandomForestRegressor,
  type SupervisedModel,
} from './model-engine.ts';

type Params = Record<string, unknown>;

/**
 * A fresh, unfitted pipeline for a supervised algorithm. Tree models and naive Bayes take the
 * columns as they are (missing values and categories natively); linear models and kNN get the
 * default Preprocessor (median imputation + indicators, standard scaling, one-hot encoding).
 * A parameter the model does not know is ML_BAD_PARAM, never silently ignored.
 */
export function buildPipeline(algorithm: Algorithm, task: ModelTask, params: Params): Pipeline {
  const clf = task === 'classification';
  const p = params as never;
  let model: SupervisedModel & { params?: object };
  let pre: Preprocessor | null = null;
  switch (algorithm) {
    case 'gbdt':
      model = clf ? new GbdtClassifier(p) : new GbdtRegressor(p);
      break;
    case 'random_forest':
      model = clf ? new RandomForestClassifier(p) : new RandomForestRegressor(p);
      break;
    case 'extra_trees':
      model = clf ? new ExtraTreesClassifier(p) : new ExtraTreesRegressor(p);
      break;
    case 'decision_tree':
      model = clf ? new DecisionTreeClassifier(p) : new DecisionTreeRegressor(p);
      break;
    case 'logistic_regression':
      model = new LogisticRegression(p);
      pre = new Preprocessor();
      break;
    case 'linear_regression':
      model = new LinearRegression(p);
      pre = new Preprocessor();
      break;
    case 'knn':
      model = clf ? new KNeighborsClassifier(p) : new KNeighborsRegressor(p);
      pre = new Preprocessor();
      break;
    case 'naive_bayes':
      model = new NaiveBayesClassifier(p);
      break;
    default:
      throw new MlError('ML_BAD_PARAM', `"${algorithm}" is not a supervised algorithm`);
  }
  // GBDT checks its own parameter names (resolveGbdtParams).
  if (algorithm !== 'gbdt') checkKnown(params, model.params ?? {}, algorithm);
  return new Pipeline(model, pre);
}

export type UnsupervisedModel = KMeans | PCA | IsolationForest;

/** An unfitted unsupervised model; its input always goes through the default Preprocessor. */
export function buildUnsupervised(algorithm: Algorithm, params: Params): UnsupervisedModel {
  const p = params as never;
  switch (algorithm) {
    case 'kmeans': {
      const m = new KMeans({ k: 3, ...(params as object) });
      checkKnown(params, m.params, algorithm);
      return m;
    }
    case 'pca': {
      checkKnown(params, { nComponents: null }, algorithm);
      return new PCA(p);
    }
    case 'isolation_forest': {
      const m = new IsolationForest(p);
      checkKnown(params, m.params, algorithm);
      return m;
    }
    default:
      throw new MlError('ML_BAD_PARAM', `"${algorithm}" is not an unsupervised algorithm`);
  }
}

function checkKnown(given: Params, known: object, algorithm: string): void {
  for (const key of Object.keys(given)) {
    if (!(key in known)) {
      throw new MlError('ML_BAD_PARAM', `"${key}" is not a parameter of ${algorithm}`, {
        param: key,
        known: Object.keys(known),
      });
    }
  }
}
