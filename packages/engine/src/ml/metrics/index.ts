export {
  type Average,
  accuracy,
  balancedAccuracy,
  type ConfusionMatrix,
  confusionMatrix,
  f1Score,
  type Labels,
  type PrecisionRecallF1,
  precision,
  precisionRecallF1,
  recall,
} from './classification.ts';
export { silhouetteSamples, silhouetteScore } from './clustering.ts';
export {
  binaryClfCurve,
  type PrecisionRecallCurve,
  precisionRecallCurve,
  type RocCurve,
  rocCurve,
} from './curves.ts';
export {
  binaryLogLoss,
  brierScore,
  brierScoreMulti,
  type CalibrationCurve,
  calibrationCurve,
  logLoss,
} from './probabilistic.ts';
export { averagePrecision, rocAuc, rocAucOvr } from './ranking.ts';
export {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  type ResidualSummary,
  r2Score,
  residualSummary,
  rmse,
} from './regression.ts';
