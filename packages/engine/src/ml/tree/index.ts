export type { CartTree, Criterion } from './cart.ts';
export {
  DecisionTreeClassifier,
  type DecisionTreeParams,
  DecisionTreeRegressor,
  type TreeRule,
} from './decision-tree.ts';
export {
  ExtraTreesClassifier,
  ExtraTreesRegressor,
  FOREST_CLASSIFIER_DEFAULTS,
  FOREST_REGRESSOR_DEFAULTS,
  RandomForestClassifier,
  RandomForestRegressor,
} from './forest.ts';
export type { TreeEnsembleJson, TreeEnsembleParams } from './tree-ensemble.ts';
