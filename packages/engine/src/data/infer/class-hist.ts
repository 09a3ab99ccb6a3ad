/** The class histogram of a column's sample and the sums the type decision needs. */

export type NumberStyle = 'plain' | 'us' | 'eu' | 'space' | 'apos';
/** One row of the class histogram of a column's sample (see classify-sql.ts). */
export interface ClassStat {
  cls: string;
  n: number;
  /** Values of the class containing `.` / `,` (tells a decimal part from thousands). */
  dots: number;
  commas: number;
  /** Most digits after the last `.` / after the last `,` (the scale of a decimal part). */
  dotTail: number;
  commaTail: number;
  /** Cells per currency symbol or code (`cur:` classes; empty otherwise). */
  symbols: Record<string, number>;
  examples: string[];
  /** Values of the class written in parentheses, `(12.50)`: accounting negatives. */
  parens: number;
  /** Values of the class with a trailing minus, `12.50-` (SAP and other ERP exports). */
  trailing: number;
  /** Values of the class written with U+2212 `−` for the minus sign (typeset text, some locales). */
  uminus: number;
}

/** Sums over the histogram; a `prefix` (`cur:`, `pct:`) also counts the bare numbers. */
export class Hist {
  private readonly byClass = new Map<string, ClassStat>();
  constructor(readonly stats: readonly ClassStat[]) {
    for (const s of stats) this.byClass.set(s.cls, s);
  }
  private rows(prefix: string, cls: string): ClassStat[] {
    const out: ClassStat[] = [];
    const a = this.byClass.get(prefix + cls);
    if (a) out.push(a);
    const b = prefix ? this.byClass.get(cls) : undefined;
    if (b) out.push(b);
    return out;
  }
  n(cls: string, prefix = ''): number {
    return this.rows(prefix, cls).reduce((a, s) => a + s.n, 0);
  }
  sum(classes: readonly string[], prefix: string, f: (s: ClassStat) => number): number {
    return classes.reduce((a, c) => a + this.rows(prefix, c).reduce((b, s) => b + f(s), 0), 0);
  }
  max(classes: readonly string[], prefix: string, f: (s: ClassStat) => number): number {
    return classes.reduce((a, c) => Math.max(a, ...this.rows(prefix, c).map(f)), 0);
  }
}

/** Which number classes each style accepts; `d3` = `1.234`, `c3` = `1,234`, `ap` = `1'234`. */
export const STYLE_CLASSES: Record<NumberStyle, string[]> = {
  plain: ['int', 'float', 'd3'],
  us: ['int', 'float', 'd3', 'c3', 'us'],
  eu: ['int', 'd3', 'c3', 'eu'],
  space: ['int', 'float', 'c3', 'eu', 'sp'],
  apos: ['int', 'float', 'd3', 'ap'],
};
/** Every class a number style may accept (a column with none of the grouped ones is plain). */
export const GROUPED_CLASSES = ['float', 'd3', 'c3', 'us', 'eu', 'sp', 'ap'] as const;

/** Styles in the order a tie goes: the file's decimal separator first. */
export function styleOrder(decimalComma: boolean): NumberStyle[] {
  return decimalComma ? ['eu', 'space', 'plain', 'us', 'apos'] : ['plain', 'us', 'eu', 'space', 'apos'];
}
/** Classes whose values carry a decimal part under a style (`us`/`eu`/`sp` need a separator). */
export const FRACTION_CLASSES: Record<NumberStyle, string[]> = {
  plain: ['float', 'd3'],
  us: ['float', 'd3'],
  eu: ['c3'],
  space: ['float', 'c3'],
  apos: ['float', 'd3'],
};

/** Values of the locale classes that carry a decimal separator under `style`. */
export function separatorFractions(hist: Hist, prefix: string, style: NumberStyle): number {
  if (style === 'us') return hist.sum(['us'], prefix, (s) => s.dots);
  if (style === 'eu') return hist.sum(['eu'], prefix, (s) => s.commas);
  if (style === 'space') return hist.sum(['eu', 'sp'], prefix, (s) => s.commas + s.dots);
  if (style === 'apos') return hist.sum(['ap'], prefix, (s) => s.dots);
  return 0;
}

/** Digits after the decimal separator of `style` (dot for plain/us/apos, comma for eu). */
export function decimalScale(hist: Hist, prefix: string, style: NumberStyle): number {
  const all = ['int', ...GROUPED_CLASSES];
  if (style === 'eu') return hist.max(['c3', 'eu'], prefix, (s) => s.commaTail);
  if (style === 'space') return hist.max(all, prefix, (s) => Math.max(s.commaTail, s.dotTail));
  return hist.max(['float', 'd3', 'us', 'ap'], prefix, (s) => s.dotTail);
}

/** Values of a prefixed class family (`cur:`...) that had a readable number inside. */
export function prefixed(prefix: string, stats: readonly ClassStat[]): number {
  return stats
    .filter((s) => s.cls.startsWith(prefix) && s.cls !== `${prefix}bad`)
    .reduce((a, s) => a + s.n, 0);
}

/**
 * The currency symbol on the most cells of the column's `cur:` classes (`$1.00` and `$2` are
 * two classes of one symbol); on a tie the first in code-point order, so the same sample
 * always gives the same answer.
 */
export function currencySymbol(stats: readonly ClassStat[]): string | undefined {
  const cells = new Map<string, number>();
  for (const s of stats) {
    if (!s.cls.startsWith('cur:')) continue;
    for (const [symbol, n] of Object.entries(s.symbols)) cells.set(symbol, (cells.get(symbol) ?? 0) + n);
  }
  let best: string | undefined;
  let bestN = 0;
  for (const [k, n] of cells)
    if (n > bestN || (n === bestN && best !== undefined && k < best)) [best, bestN] = [k, n];
  return best;
}
