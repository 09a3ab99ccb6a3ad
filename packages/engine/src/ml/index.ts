/**
 * UAM's tabular ML library: typed-array matrices, metrics, validation splits and models.
 * Pure TypeScript, no native code; every random choice takes a seed.
 */
export * from './anomaly/index.ts';
export * from './artifact/index.ts';
export * from './cluster/index.ts';
export * from './decomposition/index.ts';
export * from './errors.ts';
export * from './gbdt/index.ts';
export { type LoadedMatrix, type LoadMatrixOptions, loadMatrix, matrixKindOf } from './io/load-matrix.ts';
export * from './linear/index.ts';
export {
  type CategoricalColumn,
  type CellValue,
  type Column,
  type ColumnInput,
  type ColumnKind as MatrixColumnKind,
  type ColumnValues,
  Matrix,
  type NumericColumn,
} from './matrix.ts';
export * from './metrics/index.ts';
export * from './naive-bayes/index.ts';
export * from './neighbors/index.ts';
export * from './preprocess/index.ts';
export { Rng } from './random.ts';
export type { ClassWeight, SupervisedFitOptions } from './supervised.ts';
export { type ClassTarget, encodeClasses, numericTarget, splitTarget, type TargetValues } from './target.ts';
export * from './tree/index.ts';
export * from './validation/index.ts';
