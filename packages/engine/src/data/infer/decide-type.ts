import type { DateOrder, StorageType } from '../types.ts';
import {
  type ClassStat,
  currencySymbol,
  decimalScale,
  FRACTION_CLASSES,
  GROUPED_CLASSES,
  Hist,
  type NumberStyle,
  prefixed,
  STYLE_CLASSES,
  separatorFractions,
  styleOrder,
} from './class-hist.ts';

export type { ClassStat, NumberStyle };

/**
 * A column is given a type only when at least this share of its non-missing sample values
 * parse as that type (98 %); the rest are reported as failures and stored as NULL. The same
 * share is checked again over all rows when the version is written.
 */
export const TYPE_THRESHOLD = 0.98;
/** Leading-zero integers (`007`) keep a column as text once they are ≥ 1 % of its values. */
const LEADING_ZERO_SHARE = 0.01;

/**
 * How a number column writes its negatives besides a leading `-`: accounting parentheses
 * `(12.50)`, a trailing minus `12.50-` (SAP and other ERP exports), the typographic minus
 * `−12` (U+2212).
 */
export interface SignForms {
  negParens?: true;
  negTrailing?: true;
  unicodeMinus?: true;
}

export type ParsePlan =
  | { kind: 'string'; reason: 'empty' | 'leading_zeros' | 'too_big' | 'mixed' | 'source' }
  | ({ kind: 'integer'; style: NumberStyle } & SignForms)
  | ({ kind: 'float'; style: NumberStyle; percent: boolean } & SignForms)
  | ({ kind: 'decimal'; style: NumberStyle; currency: string; precision: number; scale: number } & SignForms)
  | { kind: 'boolean'; localized?: true }
  | {
      kind: 'date';
      order: DateOrder | null;
      monthNames?: boolean;
      yearMonth?: boolean;
      quarters?: boolean;
      /** Month names in another language (see MONTHS_L10N). */
      localMonths?: boolean;
    }
  | {
      kind: 'datetime';
      order: DateOrder | null;
      tz: boolean;
      monthNames?: boolean;
      /** Google Forms' `2021/03/22 2:56:14 PM GMT+1` (see RE_GMT_STAMP). */
      gmtStamps?: boolean;
    }
  | { kind: 'time' };

export interface Decision {
  plan: ParsePlan;
  storageType: StorageType;
  nonMissing: number;
  /** Sample values the plan accepts. */
  covered: number;
  /** Day/month order was a guess: no value had a part above 12. */
  dateOrderAmbiguous: boolean;
  /** The sample's TYPED_MISSING_WORDS (`None`) were taken as missing values of a typed column. */
  typedMissing?: true;
}

export interface DecideHints {
  decimalComma: boolean;
  dateOrder?: DateOrder;
}

/**
 * Chooses the storage type and parse plan of one text column from its class histogram.
 * Order of preference: boolean, plain/locale numbers, currency amounts, percentages, dates,
 * datetimes, times, text. Each needs ≥ TYPE_THRESHOLD of non-missing values.
 */
export function decideType(stats: readonly ClassStat[], hints: DecideHints): Decision {
  // Excel errors (`#DIV/0!`) do not decide a column's type: typed without them, they are its
  // failures (reported, not counted against the type); in a text column, text.
  const errors = decideApart(stats, 'xlerr', hints);
  if (errors) return errors.decision;
  // `None`, `..` are missing where the rest of the column has a type, text in a text column.
  const words = decideApart(stats, 'none', hints);
  if (words) return words.typed ? { ...words.decision, typedMissing: true } : words.decision;
  // Accounting negatives, `(12.50)` or `12.50-`, are negatives beside plain numbers (a ledger's
  // debits and credits), or when they look like amounts (`(12.50)`, `($1,200)`); a column of
  // only `(1)`, `(2)` (or `1-`, `2-`) is labels.
  const accounting = stats.reduce((a, s) => a + s.parens + s.trailing, 0);
  const total = stats.reduce((a, s) => a + s.n, 0);
  const labels =
    accounting > 0 &&
    accounting === total &&
    stats.every((s) => s.parens + s.trailing === 0 || /^int/.test(s.cls));
  if (labels)
    return decideClasses(
      stats.map((s) => ({ ...s, cls: 'str', parens: 0, trailing: 0 })),
      hints,
    );
  const d = decideClasses(stats, hints);
  const p = d.plan;
  if (p.kind !== 'integer' && p.kind !== 'float' && p.kind !== 'decimal') return d;
  return { ...d, plan: { ...p, ...signFormsOf(stats) } };
}

/**
 * For a sample holding values of class `cls`: the decision without them when the rest has a
 * type (`typed`), else the decision with them as text; undefined when it holds none.
 */
function decideApart(
  stats: readonly ClassStat[],
  cls: string,
  hints: DecideHints,
): { decision: Decision; typed: boolean } | undefined {
  if (!stats.some((s) => s.cls === cls)) return undefined;
  const without = decideType(
    stats.filter((s) => s.cls !== cls),
    hints,
  );
  if (without.plan.kind !== 'string') return { decision: without, typed: true };
  const asText = decideType(
    stats.map((s) => (s.cls === cls ? { ...s, cls: 'str' } : s)),
    hints,
  );
  return { decision: asText, typed: false };
}

/** The negative forms a column's sample shows (see SignForms). */
export function signFormsOf(stats: readonly ClassStat[]): SignForms {
  return {
    ...(stats.some((s) => s.parens > 0) ? { negParens: true } : {}),
    ...(stats.some((s) => s.trailing > 0) ? { negTrailing: true } : {}),
    ...(stats.some((s) => s.uminus > 0) ? { unicodeMinus: true } : {}),
  };
}

function decideClasses(stats: readonly ClassStat[], hints: DecideHints): Decision {
  const hist = new Hist(stats);
  const n = (cls: string) => hist.n(cls);
  const total = stats.reduce((a, s) => a + s.n, 0);
  const done = (plan: ParsePlan, covered: number, ambiguous = false): Decision => ({
    plan,
    storageType: storageOf(plan),
    nonMissing: total,
    covered,
    dateOrderAmbiguous: ambiguous,
  });
  if (total === 0) return done({ kind: 'string', reason: 'empty' }, 0);
  const enough = (covered: number) => covered >= TYPE_THRESHOLD * total;

  const bools = n('bool') + n('bool_l10n');
  if (enough(bools))
    return done({ kind: 'boolean', ...(n('bool_l10n') > 0 ? { localized: true } : {}) }, bools);

  const numeric = numberDecision('', hist, hints, total);
  if (numeric) return done(numeric.plan, numeric.covered);

  const cur = prefixed('cur:', stats);
  if (cur >= total / 2) {
    const d = numberDecision('cur:', hist, hints, total);
    if (d) {
      const symbol = currencySymbol(stats) ?? '$';
      const scale = Math.min(6, Math.max(2, decimalScale(hist, 'cur:', d.style)));
      return done({ kind: 'decimal', style: d.style, currency: symbol, precision: 18, scale }, d.covered);
    }
  }
  const pct = prefixed('pct:', stats);
  if (pct >= total / 2) {
    const d = numberDecision('pct:', hist, hints, total);
    if (d) return done({ kind: 'float', style: d.style, percent: true }, d.covered);
  }

  const iso = n('date_iso');
  const dOnly = n('dmy') + n('dmy_t');
  const mOnly = n('mdy') + n('mdy_t');
  const amb = n('dmx') + n('dmx_t');
  const order: DateOrder | null =
    hints.dateOrder ??
    (dOnly + mOnly + amb === 0 ? null : dOnly > mOnly ? 'dmy' : mOnly > dOnly ? 'mdy' : null);
  const ambiguous = hints.dateOrder === undefined && dOnly === 0 && mOnly === 0 && amb > 0;
  const chosen: DateOrder | null = order ?? (amb > 0 ? (hints.decimalComma ? 'dmy' : 'mdy') : null);
  const agreeing = (suffix: string) =>
    n(`dmx${suffix}`) + (chosen === 'mdy' ? n(`mdy${suffix}`) : n(`dmy${suffix}`));
  const dates = iso + agreeing('') + n('mon') + n('ym') + n('yq') + n('mon_l10n');
  if (enough(dates)) {
    return done({ kind: 'date', order: chosen, ...dateReadings(n) }, dates, ambiguous);
  }
  const stamps = n('ts_iso') + n('ts_tz') + agreeing('_t') + n('mon_t') + n('rfc') + n('ts_gmt');
  if (stamps > 0 && enough(dates + stamps)) {
    return done({ kind: 'datetime', order: chosen, ...datetimeReadings(n) }, dates + stamps, ambiguous);
  }
  if (enough(n('time'))) return done({ kind: 'time' }, n('time'));
  return done({ kind: 'string', reason: 'mixed' }, total);
}

/** What a date plan must read besides ISO and d/m/y dates, by the sample's classes (`n`: cells). */
export function dateReadings(n: (cls: string) => number) {
  return {
    ...(n('mon') > 0 ? { monthNames: true } : {}),
    ...(n('ym') > 0 ? { yearMonth: true } : {}),
    ...(n('yq') > 0 ? { quarters: true } : {}),
    ...(n('mon_l10n') > 0 ? { localMonths: true } : {}),
  };
}

/** The same for a datetime plan: zones, month names, Google Forms' stamps. */
export function datetimeReadings(n: (cls: string) => number) {
  return {
    tz: n('ts_tz') + n('rfc') + n('ts_gmt') > 0,
    ...(n('mon') + n('mon_t') + n('rfc') > 0 ? { monthNames: true } : {}),
    ...(n('ts_gmt') > 0 ? { gmtStamps: true } : {}),
  };
}

function numberDecision(
  prefix: string,
  hist: Hist,
  hints: DecideHints,
  total: number,
): { plan: ParsePlan; covered: number; style: NumberStyle } | undefined {
  const m = (cls: string) => hist.n(cls, prefix);
  const order = styleOrder(hints.decimalComma);
  const onlyInts = GROUPED_CLASSES.every((c) => m(c) === 0);
  let best: { style: NumberStyle; covered: number } | undefined;
  for (const style of onlyInts ? (['plain'] as NumberStyle[]) : order) {
    const covered = STYLE_CLASSES[style].reduce((a, c) => a + m(c), 0) + m('int_lz') + m('int_big');
    if (!best || covered > best.covered) best = { style, covered };
  }
  if (!best || best.covered < TYPE_THRESHOLD * total) return undefined;
  const { style, covered } = best;
  if (prefix === '' && m('int_lz') >= Math.max(1, LEADING_ZERO_SHARE * total)) {
    return { plan: { kind: 'string', reason: 'leading_zeros' }, covered: total, style };
  }
  const fractional =
    FRACTION_CLASSES[style].some((c) => m(c) > 0) || separatorFractions(hist, prefix, style) > 0;
  if (!fractional && m('int_big') > 0 && prefix === '') {
    return { plan: { kind: 'string', reason: 'too_big' }, covered: total, style };
  }
  const plan: ParsePlan =
    fractional || prefix !== '' || m('int_big') > 0
      ? { kind: 'float', style, percent: prefix === 'pct:' }
      : { kind: 'integer', style };
  return { plan, covered, style };
}

export function storageOf(plan: ParsePlan): StorageType {
  return plan.kind;
}
