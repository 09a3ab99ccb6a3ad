import { THRESHOLDS } from './alerts/thresholds.ts';
import { dateLikeShare, isCategoricalText, isConstant, isIdLike, numericLikeShare } from './column-traits.ts';
import type { ColumnProfile } from './column-types.ts';
import { fmt, pct } from './json-safe.ts';
import type { Correlations, Suggestion, TargetProfile } from './types.ts';

/** One-hot up to this many levels; more levels get target or frequency encoding. */
const ONE_HOT_MAX_LEVELS = 10;
const TARGET_ENCODE_MAX_LEVELS = 1000;
const MISSING_INDICATOR_SHARE = 0.05;
const INTERACTION_MIN = 0.7;
const REDUNDANT_MIN = 0.95;

/**
 * Feature-engineering suggestions, each with the statistic that motivates it. Deterministic:
 * columns in schema order, then pairs by strength.
 */
export function suggestions(
  columns: readonly ColumnProfile[],
  correlations: Correlations,
  target?: TargetProfile,
): Suggestion[] {
  const out: Suggestion[] = [];
  for (const c of columns) {
    if (c.name === target?.column || c.count === 0) continue;
    out.push(...columnSuggestions(c, target !== undefined));
  }
  const seen = new Set<string>();
  for (const p of correlations.pairs) {
    const v = Math.abs(p.value);
    if (v < INTERACTION_MIN) break;
    if (p.a === target?.column || p.b === target?.column) continue;
    const key = [p.a, p.b].sort().join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(
      v >= REDUNDANT_MIN
        ? {
            kind: 'drop',
            columns: [p.b],
            reason: `\`${p.b}\` repeats the information of \`${p.a}\` (${p.method} ${fmt(p.value)}); keep one of them`,
          }
        : {
            kind: 'interaction',
            columns: [p.a, p.b],
            reason: `\`${p.a}\` and \`${p.b}\` are strongly related (${p.method} ${fmt(p.value)}); a ratio or product may carry their joint effect`,
          },
    );
  }
  return out;
}

function columnSuggestions(c: ColumnProfile, hasTarget: boolean): Suggestion[] {
  const out: Suggestion[] = [];
  const one = (kind: Suggestion['kind'], reason: string) => out.push({ kind, columns: [c.name], reason });
  if (isConstant(c))
    return [
      {
        kind: 'drop',
        columns: [c.name],
        reason: `\`${c.name}\` has a single value and carries no information`,
      },
    ];
  if (isIdLike(c))
    return [
      {
        kind: 'drop',
        columns: [c.name],
        reason: `\`${c.name}\` looks like an identifier (${pct(c.distinctRatio)} distinct); models memorise it instead of learning`,
      },
    ];
  const missingShare = c.rows > 0 ? c.missing / c.rows : 0;
  if (missingShare > 0) {
    const how = c.numeric
      ? (c.numeric.skewness ?? 0) > 1
        ? 'the median (skewed)'
        : 'the mean'
      : 'the most frequent value';
    one('impute', `\`${c.name}\` is missing in ${pct(missingShare)} of rows; impute with ${how}`);
    if (missingShare >= MISSING_INDICATOR_SHARE)
      one(
        'missing_indicator',
        `missingness of \`${c.name}\` (${pct(missingShare)}) may itself be informative`,
      );
  }
  const s = c.numeric;
  if (s?.skewness != null && Math.abs(s.skewness) >= 1) {
    if ((s.min ?? -1) >= 0)
      one(
        'log_transform',
        `\`${c.name}\` is skewed (skew ${fmt(s.skewness, 2)}) and non-negative; log1p makes it more symmetric`,
      );
    else
      one(
        'power_transform',
        `\`${c.name}\` is skewed (skew ${fmt(s.skewness, 2)}) with negative values; a Yeo-Johnson transform makes it more symmetric`,
      );
  }
  if (s?.outliers && s.outliers.iqr.share >= 0.01) {
    one(
      'clip_outliers',
      `${pct(s.outliers.iqr.share)} of \`${c.name}\` lie outside the IQR fences; winsorise at the 1st/99th percentiles`,
    );
  }
  if (s?.kurtosis != null && s.kurtosis > 10) {
    one(
      'bin',
      `\`${c.name}\` is heavy-tailed (kurtosis ${fmt(s.kurtosis, 2)}); quantile bins are robust to its extremes`,
    );
  }
  if (c.datetime) {
    one(
      'date_parts',
      `\`${c.name}\` is a date: year, month, weekday${c.storageType === 'date' ? '' : ' and hour'} expose seasonality to models`,
    );
  }
  if (c.text) {
    if (numericLikeShare(c) >= THRESHOLDS.storedAsTextShare)
      one('parse_type', `\`${c.name}\` holds numbers stored as text; parse it as a number`);
    else if (dateLikeShare(c) >= THRESHOLDS.storedAsTextShare)
      one('parse_type', `\`${c.name}\` holds dates stored as text; parse it as a date`);
    else if (!isCategoricalText(c))
      one('text_features', `\`${c.name}\` is free text; use length, word counts or TF-IDF features`);
    else out.push(encoding(c, hasTarget));
  }
  if (c.boolean) one('one_hot', `\`${c.name}\` is boolean; use it as a 0/1 feature`);
  return out;
}

function encoding(c: ColumnProfile, hasTarget: boolean): Suggestion {
  const k = c.distinct.value;
  if (k <= ONE_HOT_MAX_LEVELS) {
    return {
      kind: 'one_hot',
      columns: [c.name],
      reason: `\`${c.name}\` has ${k} levels; one-hot encoding adds ${k} columns`,
    };
  }
  if (hasTarget && k <= TARGET_ENCODE_MAX_LEVELS) {
    return {
      kind: 'target_encode',
      columns: [c.name],
      reason: `\`${c.name}\` has ${k} levels; out-of-fold target encoding avoids ${k} sparse columns`,
    };
  }
  return {
    kind: 'frequency_encode',
    columns: [c.name],
    reason: `\`${c.name}\` has ${k} levels; encode each by its frequency`,
  };
}
