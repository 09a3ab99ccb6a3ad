import { isConstant, isIdLike } from './column-traits.ts';
import type { ColumnProfile } from './column-types.ts';
import { fmt, pct } from './json-safe.ts';
import type { Correlations, DuplicateRows, MissingPatterns, QualityScore, TargetProfile } from './types.ts';

const MAX_INSIGHTS = 10;
const MIN_INSIGHTS = 5;
const SYMBOL = { pearson: 'r', spearman: 'ρ', cramers_v: 'V', eta: 'η' } as const;

interface Input {
  rows: number;
  columns: readonly ColumnProfile[];
  duplicates: DuplicateRows;
  correlations: Correlations;
  missing: MissingPatterns;
  quality: QualityScore;
  target?: TargetProfile;
}

/**
 * 5–10 plain-English sentences computed from the profile, most important first: the same
 * profile always gives the same sentences. Each candidate is a (priority, text) pair; the
 * shape sentences at the end fill up to five when the data has little to say.
 */
export function insights(p: Input): string[] {
  const found: { priority: number; text: string }[] = [];
  const add = (priority: number, text: string | null) => {
    if (text) found.push({ priority, text });
  };
  add(10, leakage(p.target));
  add(
    9,
    p.duplicates.count > 0
      ? `${pct(p.duplicates.share)} of rows are duplicates (${p.duplicates.count.toLocaleString('en-US')} rows).`
      : null,
  );
  add(8, imbalance(p.target));
  add(8, mostMissing(p.columns, p.rows));
  add(7, strongestPair(p.correlations, p.target?.column));
  add(7, bestPredictor(p.target));
  add(6, mostSkewed(p.columns));
  add(5, identifiers(p.columns));
  add(5, constants(p.columns));
  add(4, outliers(p.columns));
  add(3, dateRange(p.columns));
  const sorted = found.sort((a, b) => b.priority - a.priority).map((f) => f.text);
  const filler = [
    `The table has ${p.rows.toLocaleString('en-US')} rows and ${p.columns.length} columns (${kinds(p.columns)}).`,
    `The data-quality score is ${p.quality.score}/100 (completeness ${pct(p.quality.completeness)}, validity ${pct(p.quality.validity)}, uniqueness ${pct(p.quality.uniqueness)}, consistency ${pct(p.quality.consistency)}).`,
    p.missing.rowsWithMissing > 0
      ? `${pct(p.missing.rowsWithMissing / Math.max(1, p.rows))} of rows have at least one missing value.`
      : 'No value is missing.',
    p.duplicates.count === 0 ? 'No row is duplicated.' : null,
    `${p.correlations.pairs.length} column pairs were compared for association${p.correlations.sampled ? ` on a sample of ${p.correlations.sampleSize.toLocaleString('en-US')} rows` : ''}.`,
  ].filter((t): t is string => t !== null);
  const out = [filler[0], filler[1], ...sorted].slice(0, MAX_INSIGHTS);
  for (const f of filler.slice(2)) if (out.length < MIN_INSIGHTS) out.push(f);
  return out;
}

function kinds(columns: readonly ColumnProfile[]): string {
  const counts = new Map<string, number>();
  for (const c of columns) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ') || 'none';
}

function leakage(t?: TargetProfile): string | null {
  const s = t?.leakageSuspects[0];
  return s ? `\`${s.column}\` may leak the target \`${t?.column}\`: ${s.reason}.` : null;
}

function imbalance(t?: TargetProfile): string | null {
  const classes = t?.classBalance;
  if (!t || !classes || classes.length < 2) return null;
  const minority = classes[classes.length - 1];
  if (minority.share >= 0.2) return null;
  return `Target \`${t.column}\` is imbalanced: class ${JSON.stringify(minority.value)} is only ${pct(minority.share)} of rows.`;
}

function mostMissing(columns: readonly ColumnProfile[], rows: number): string | null {
  const worst = [...columns].filter((c) => c.missing > 0).sort((a, b) => b.missing - a.missing)[0];
  if (!worst || rows === 0) return null;
  const others = columns.filter((c) => c.missing > 0).length - 1;
  return `\`${worst.name}\` is missing in ${pct(worst.missing / rows)} of rows${others > 0 ? `; ${others} other columns also have gaps` : ''}.`;
}

function strongestPair(c: Correlations, target?: string): string | null {
  const p = c.pairs.find((x) => x.a !== target && x.b !== target);
  if (!p || Math.abs(p.value) < 0.5) return null;
  const strength = Math.abs(p.value) >= 0.8 ? 'strongly' : 'moderately';
  return `\`${p.a}\` ${strength} ${p.value < 0 ? 'anti-' : ''}correlates with \`${p.b}\` (${SYMBOL[p.method]} = ${fmt(p.value, 2)}).`;
}

function bestPredictor(t?: TargetProfile): string | null {
  const a = t?.associations[0];
  if (!t || !a || Math.abs(a.value) < 0.1) return null;
  return `The feature most associated with \`${t.column}\` is \`${a.column}\` (${SYMBOL[a.method]} = ${fmt(a.value, 2)}).`;
}

function mostSkewed(columns: readonly ColumnProfile[]): string | null {
  const c = [...columns]
    .filter((x) => x.numeric?.skewness != null && Math.abs(x.numeric.skewness) >= 1)
    .sort((a, b) => Math.abs(b.numeric!.skewness!) - Math.abs(a.numeric!.skewness!))[0];
  if (!c) return null;
  const s = c.numeric!.skewness!;
  return `\`${c.name}\` is ${s > 0 ? 'right' : 'left'}-skewed (skew ${fmt(s, 2)}); its median ${fmt(c.numeric!.median)} differs from its mean ${fmt(c.numeric!.mean)}.`;
}

function identifiers(columns: readonly ColumnProfile[]): string | null {
  const ids = columns.filter(isIdLike).map((c) => `\`${c.name}\``);
  return ids.length
    ? `${ids.join(', ')} ${ids.length === 1 ? 'looks' : 'look'} like an identifier and should not be a model feature.`
    : null;
}

function constants(columns: readonly ColumnProfile[]): string | null {
  const cs = columns.filter(isConstant).map((c) => `\`${c.name}\``);
  return cs.length ? `${cs.join(', ')} ${cs.length === 1 ? 'has' : 'have'} a single value.` : null;
}

function outliers(columns: readonly ColumnProfile[]): string | null {
  const c = [...columns]
    .filter((x) => (x.numeric?.outliers?.robustZ.count ?? 0) > 0)
    .sort((a, b) => b.numeric!.outliers!.robustZ.count - a.numeric!.outliers!.robustZ.count)[0];
  if (!c) return null;
  const o = c.numeric!.outliers!.robustZ;
  return `\`${c.name}\` has ${o.count.toLocaleString('en-US')} extreme values (robust z-score > ${o.threshold}), e.g. ${fmt(o.high[0] ?? o.low[0])}.`;
}

function dateRange(columns: readonly ColumnProfile[]): string | null {
  const c = columns.find((x) => x.datetime?.min);
  const d = c?.datetime;
  if (!c || !d) return null;
  const g = d.granularity
    ? ` at ${d.granularity.step === 1 ? '' : `${d.granularity.step}-`}${d.granularity.unit} granularity`
    : '';
  const gaps =
    d.gaps?.regular && d.gaps.missingPeriods
      ? `, ${d.gaps.missingPeriods} periods missing`
      : d.gaps?.regular
        ? ', no gaps'
        : '';
  return `\`${c.name}\` spans ${d.min} to ${d.max}${g}${gaps}.`;
}
