import type { DateOrder } from '../types.ts';
import {
  type ClassStat,
  currencySymbol,
  decimalScale,
  Hist,
  type NumberStyle,
  prefixed,
  STYLE_CLASSES,
  styleOrder,
} from './class-hist.ts';
import {
  type DecideHints,
  dateReadings,
  datetimeReadings,
  type ParsePlan,
  signFormsOf,
} from './decide-type.ts';

/**
 * A plan of a kind the user chose (schema override), shaped by the column's values: the
 * number style that reads most of them, the currency symbol seen, the date order in evidence.
 */
export function planForKind(
  stats: readonly ClassStat[],
  kind: ParsePlan['kind'],
  hints: DecideHints,
): ParsePlan {
  const hist = new Hist(stats);
  const prefix = prefixed('cur:', stats) > 0 ? 'cur:' : prefixed('pct:', stats) > 0 ? 'pct:' : '';
  let style: NumberStyle = 'plain';
  let best = -1;
  for (const s of styleOrder(hints.decimalComma)) {
    const covered = STYLE_CLASSES[s].reduce((a, c) => a + hist.n(c, prefix), 0);
    if (covered > best) [style, best] = [s, covered];
  }
  // The user asked for a number: values in parentheses or with a trailing minus are
  // accounting negatives.
  const neg = signFormsOf(stats);
  switch (kind) {
    case 'integer':
      return { kind, style, ...neg };
    case 'float':
      return { kind, style, percent: prefix === 'pct:', ...neg };
    case 'decimal': {
      const symbol = currencySymbol(stats) ?? '';
      return {
        kind,
        style,
        currency: symbol,
        precision: 18,
        scale: Math.min(6, Math.max(2, decimalScale(hist, prefix, style))),
        ...neg,
      };
    }
    case 'date':
    case 'datetime': {
      const d = hist.n('dmy') + hist.n('dmy_t');
      const m = hist.n('mdy') + hist.n('mdy_t');
      const any = d + m + hist.n('dmx') + hist.n('dmx_t') > 0;
      const order: DateOrder | null =
        hints.dateOrder ?? (!any ? null : d > m ? 'dmy' : m > d ? 'mdy' : hints.decimalComma ? 'dmy' : 'mdy');
      const n = (cls: string) => hist.n(cls);
      if (kind === 'datetime') return { kind, order, ...datetimeReadings(n) };
      return { kind, order, ...dateReadings(n) };
    }
    case 'boolean':
      return hist.n('bool_l10n') > 0 ? { kind, localized: true } : { kind };
    case 'time':
      return { kind };
    case 'string':
      return { kind, reason: 'source' };
  }
}
