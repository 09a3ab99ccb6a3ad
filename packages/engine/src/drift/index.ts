/**
 * Drift between two dataset versions: schema changes, per-column PSI, KS (numbers, dates),
 * χ² (categories), new and vanished categories, and an overall verdict.
 */
export { type DriftRequest, driftBetween } from './drift-between.ts';
export { chiSquareHomogeneity, chiSquareSf, kolmogorovQ, ksPValue, ksStatistic, psi } from './drift-stats.ts';
export {
  type CategoryCount,
  type ColumnDrift,
  DRIFT_THRESHOLDS,
  type DriftLevel,
  type DriftReport,
  type DriftSide,
  type SchemaChanges,
} from './types.ts';
