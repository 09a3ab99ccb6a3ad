/**
 * Alert thresholds in one place (documented in profile/README.md). Shares are 0..1 of the
 * column's non-missing values unless noted.
 */
export const THRESHOLDS = {
  /** Missing share of rows: warning / critical. */
  highMissingWarning: 0.2,
  highMissingCritical: 0.5,
  /** Most frequent value's share for "near constant". */
  nearConstantShare: 0.95,
  /** Text columns with more distinct values than this (and over half unique) are high-cardinality. */
  highCardinalityDistinct: 50,
  highCardinalityRatio: 0.5,
  /** Distinct / non-missing at or above this (with at least `idLikeMinRows` values) looks like an identifier. */
  idLikeRatio: 0.95,
  idLikeMinRows: 20,
  /** |skewness| at or above this. */
  skewness: 2,
  /** Share of zeros. */
  zerosShare: 0.5,
  /** Share outside the IQR fences for a warning (any robust-z outlier gives an info alert). */
  outlierIqrShare: 0.05,
  /** Text that parses as numbers / dates for this share of values is "stored as text". */
  storedAsTextShare: 0.95,
  /** Between these shares of number-like values, a text column mixes types. */
  mixedTypesLow: 0.05,
  mixedTypesHigh: 0.95,
  /** Minority class share of the target: warning / critical. */
  imbalanceWarning: 0.1,
  imbalanceCritical: 0.01,
  /** |association| between two features. */
  highCorrelation: 0.9,
  /** Duplicate-row share for a critical alert (any duplicate is a warning). */
  duplicatesCritical: 0.1,
} as const;
