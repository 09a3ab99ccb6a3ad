export interface CellText {
  /** `errorTexts`: the distinct error values of error cells that are not formulas. */
  counts: { formulaNoResult: number; errors: number; errorTexts: Set<string> };
}

/** How a cell's number format shows it. */
export interface CellFormat {
  numFmt?: string;
  /** The workbook counts days from 1904-01-01 (old Mac Excel) rather than 1899-12-30. */
  date1904?: boolean;
}

/** The unit an elapsed-time format (`[h]:mm`, `[mm]:ss`, `[s]`) counts in. */
export type DurationUnit = 'hours' | 'minutes' | 'seconds';

const UNIT_MS: Record<DurationUnit, number> = { hours: 3_600_000, minutes: 60_000, seconds: 1000 };
const DAY_MS = 86_400_000;

/**
 * One exceljs cell value as the text the CSV path will re-type: numbers in JS notation (with
 * the symbol of a currency format, `$9.99`, or as a percentage under a percent format, `12.5%`,
 * so inference sees what the sheet shows), dates as ISO 8601 (date only when the time is
 * midnight), times of day as `14:30:00`, durations as a number in their format's unit,
 * booleans as `true`/`false`, formulas as their cached result (a date serial under a date
 * format as that date), rich text and hyperlinks as their text.
 */
export function cellText(value: unknown, counts: CellText['counts'], format: CellFormat = {}): string {
  const { numFmt } = format;
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    if (!numFmt) return String(value);
    // A formula's result is a bare serial number even under a date or time format.
    const kind = dateFormatKind(numFmt);
    return kind ? serialText(Math.round(value * DAY_MS), kind, format) : formattedNumber(value, numFmt);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    const kind = numFmt && !Number.isNaN(value.getTime()) ? dateFormatKind(numFmt) : undefined;
    if (kind === undefined || kind === 'datetime') return isoDate(value);
    return serialText(value.getTime() - epochMs(format), kind, format);
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (isFormula(v)) {
      if (v.result === undefined || v.result === null) {
        counts.formulaNoResult++;
        return '';
      }
      // The streaming reader turns a cached error result (`#DIV/0!`) into NaN.
      if (typeof v.result === 'number' && Number.isNaN(v.result)) {
        counts.errors++;
        return '';
      }
      return cellText(v.result, counts, format);
    }
    if ('error' in v) {
      counts.errors++;
      if (typeof v.error === 'string' && counts.errorTexts.size < 20) counts.errorTexts.add(v.error);
      return '';
    }
    if (Array.isArray(v.richText)) return v.richText.map((r: { text?: string }) => r.text ?? '').join('');
    if ('text' in v) return cellText(v.text, counts);
    if ('hyperlink' in v) return String(v.hyperlink);
  }
  return String(value);
}

type DateFormatKind = 'datetime' | 'time' | DurationUnit;

/**
 * What a number format shows of a date serial (days since the epoch, the time as the
 * fraction): an elapsed count (`[h]:mm:ss`, the bracket marks the unit that does not wrap),
 * a time of day (hours, minutes or seconds, but no year, day or month), a date and/or time,
 * or nothing of the kind (undefined). Only the first section (positive numbers) is read.
 */
export function dateFormatKind(numFmt: string): DateFormatKind | undefined {
  // Asked for every number cell; a workbook has a handful of formats.
  const known = kinds.get(numFmt);
  if (known !== undefined) return known ?? undefined;
  const kind = readDateFormat(numFmt);
  if (kinds.size < 10_000) kinds.set(numFmt, kind ?? null);
  return kind;
}

const kinds = new Map<string, DateFormatKind | null>();

function readDateFormat(numFmt: string): DateFormatKind | undefined {
  const first = numFmt.split(';')[0].replace(/"[^"]*"/g, '');
  const elapsed = /\[(h+|m+|s+)\]/i.exec(first)?.[1][0].toLowerCase();
  if (elapsed) return elapsed === 'h' ? 'hours' : elapsed === 'm' ? 'minutes' : 'seconds';
  // Locale and colour tags, escaped characters, padding (`_)`) and fill (`* `) are not parts.
  const bare = first
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[\\_*]./g, '')
    .replace(/AM\/PM|A\/P/gi, '');
  if (!/[ymdhs]/i.test(bare)) return undefined;
  // `m` is minutes next to `h` or `s`, else a month.
  return /[yd]/i.test(bare) || !/[hs]/i.test(bare) ? 'datetime' : 'time';
}

/**
 * A date serial, as milliseconds from the workbook's epoch, as the format shows it. A duration
 * becomes a number in its format's unit: an analyst sums and averages hours worked, which
 * `36:00:00` as text would not allow. A time of day becomes `14:30:00`, which inference reads
 * as a time column; a time format over a serial of a day or more keeps its date (ISO), since
 * the date part is data Excel only chose not to show.
 */
function serialText(ms: number, kind: DateFormatKind, format: CellFormat): string {
  if (kind === 'hours' || kind === 'minutes' || kind === 'seconds') return exact(ms / UNIT_MS[kind]);
  if (kind === 'time' && ms >= 0 && ms < DAY_MS) return timeOfDay(ms);
  return isoDate(new Date(ms + epochMs(format)));
}

/** Day 0 of the workbook's date system, in Unix milliseconds. */
function epochMs(format: CellFormat): number {
  return format.date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
}

/** `14:30:00`, with milliseconds only when there are some (`14:30:00.250`). */
function timeOfDay(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? iso.slice(11, 19) : iso.slice(11, 23);
}

/**
 * A number under a percent format as `12.5%`, under a currency format with its symbol
 * (`-$5.5`), else as is. Only the format's first section (positive numbers) is read. A quoted
 * `"%"` is literal text (Excel does not scale it); a symbol counts quoted (`"$"#,##0.00`) or in
 * a currency tag (`[$€-407]`), never in a locale tag (`[$-409]`).
 */
function formattedNumber(value: number, numFmt: string): string {
  const first = numFmt.split(';')[0];
  const bare = first.replace(/"[^"]*"/g, '');
  if (bare.includes('%')) return `${exact(value * 100)}%`;
  const symbol = /\[\$([^\]-]+)[^\]]*\]|([$€£¥₹])/.exec(first.replace(/\[\$-[^\]]*\]/g, ''));
  const s = symbol?.[1] ?? symbol?.[2];
  if (!s || !/^[$€£¥₹]$/.test(s)) return String(value);
  return value < 0 ? `-${s}${exact(-value)}` : `${s}${exact(value)}`;
}

/** Decimal text without binary noise (`0.07 * 100` is 7.000000000000001). */
function exact(x: number): string {
  return String(Number(x.toPrecision(15)));
}

/** An exceljs formula cell (`{ formula, result }`, or a shared formula). */
export function isFormula(v: unknown): boolean {
  return typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);
}

function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
}
