export { type BinnedMatrix, binMatrix, type FeatureBinning, fitBinning } from './binning.ts';
export type { BoostHooks, IterationInfo } from './boosting.ts';
export type { FeatureImportance, GbdtEnsemble, PredictOptions } from './ensemble.ts';
export type { GbdtFitInfo, GbdtFitOptions } from './gbdt-base.ts';
export { GbdtClassifier, type GbdtClassifierJson, type GbdtClassifierParams } from './gbdt-classifier.ts';
export {
  GbdtRegressor,
  type GbdtRegressorJson,
  type GbdtRegressorParams,
  type RegressionObjective,
} from './gbdt-regressor.ts';
export { GBDT_DEFAULTS, type GbdtParams, resolveGbdtParams } from './params.ts';
export { addTreePrediction, applyTree, type Tree } from './tree.ts';
