/**
 * Automated EDA: `profileVersion` turns a dataset version (Parquet + schema) into a
 * JSON-serialisable profile with statistics, alerts, a quality score, suggestions, insights
 * and Vega-Lite charts. Pure library: no HTTP, no metadata database.
 */

export { THRESHOLDS as ALERT_THRESHOLDS } from './alerts/thresholds.ts';
export { columnKind } from './column-kind.ts';
export type {
  BooleanStats,
  ColumnKind,
  ColumnProfile,
  DatetimeStats,
  DistinctCount,
  Histogram,
  NumericStats,
  Outliers,
  PlaceholderHit,
  TextStats,
  ValueFrequency,
} from './column-types.ts';
export type { ProfileOptions, ProfileRequest } from './options.ts';
export { profileVersion } from './profile-version.ts';
export { QUALITY_WEIGHTS, qualityScore } from './quality-score.ts';
export type {
  Alert,
  AlertType,
  ChartSpec,
  CorrelationMethod,
  CorrelationPair,
  Correlations,
  DuplicateRows,
  MissingPatterns,
  Profile,
  QualityScore,
  Severity,
  Suggestion,
  SuggestionKind,
  TargetAssociation,
  TargetProfile,
} from './types.ts';
