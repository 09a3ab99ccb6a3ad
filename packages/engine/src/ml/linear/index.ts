export { type Design, toDesign } from './design.ts';
export { type LbfgsOptions, type LbfgsResult, lbfgs } from './lbfgs.ts';
export { cholesky, choleskySolve, pseudoSolve, symmetricEigen } from './linalg.ts';
export {
  type LinearPenalty,
  LinearRegression,
  type LinearRegressionJson,
  type LinearRegressionParams,
} from './linear-regression.ts';
export {
  type LogisticPenalty,
  LogisticRegression,
  type LogisticRegressionJson,
  type LogisticRegressionParams,
} from './logistic-regression.ts';
