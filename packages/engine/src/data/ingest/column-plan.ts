import { missingSql } from '../infer/classify-sql.ts';
import type { ParsePlan, SignForms } from '../infer/decide-type.ts';
import { parseSql } from '../infer/parse-expr.ts';
import { TYPED_MISSING_WORDS } from '../infer/patterns.ts';
import type { SemanticResult } from '../infer/semantic-type.ts';
import { quoteIdent, quoteLiteral } from '../sql.ts';
import type { ParseFormat, StorageType, ValueFailures } from '../types.ts';

/**
 * How one output column is produced. `innerSql` reads it from the source relation (trimmed
 * text for parsed columns); the outer query then applies the plan to `"name"`. Typed source
 * columns (JSON numbers, Parquet types) have no plan and pass through `innerSql` unchanged.
 */
export interface ColumnPlan {
  name: string;
  sourceName: string;
  index: number;
  innerSql: string;
  plan: ParsePlan | null;
  storageType: StorageType;
  physicalType: string;
  format: ParseFormat;
  semantic: SemanticResult;
  confidence: number;
  sampleDistinct: number;
  /** Non-missing values in the inference sample. */
  sampleNonMissing: number;
  sampleFailures: ValueFailures;
  dateOrderAmbiguous: boolean;
  /**
   * A CSV without decimal commas whose column has only numbers like `669.491` where it has a
   * dot: read as decimals, though in Europe the dot groups thousands (an example value).
   */
  thousandsAmbiguous?: { example: string };
  /** The CSV column holds Excel text formulas, `="00123"`, read as their text (see excel-text.ts). */
  excelText?: true;
  /** The source already turned missing markers into NULL (CSV `nullstr`). */
  sourceNullsMarkers: boolean;
  /**
   * The sample holds TYPED_MISSING_WORDS (`None`), missing values of this typed column (in
   * any typed column they are, wherever they come; this only keeps the CSV reader from
   * parsing the column itself, see nativeColumns).
   */
  typedMissing?: true;
}

/** Marker raised inside DuckDB by the optimistic single pass when a value does not parse. */
export const STRICT_MARKER = 'UAM_STRICT_PARSE_FAILURE';

/** True when the plan only copies text through (nothing can fail). */
export function isText(col: ColumnPlan): boolean {
  return col.plan === null || col.plan.kind === 'string';
}

/** The typed value, NULL when missing or unparseable. */
export function valueSql(col: ColumnPlan, nullValues: readonly string[]): string {
  const ref = quoteIdent(col.name);
  if (col.plan === null) return ref;
  if (col.plan.kind === 'string') {
    return col.sourceNullsMarkers
      ? ref
      : `CASE WHEN ${missingSql(`trim(${ref})`, nullValues)} THEN NULL ELSE ${ref} END`;
  }
  return parseSql(col.plan, ref);
}

/** The raw text of a value that is present but did not parse; NULL otherwise. */
export function failureSql(col: ColumnPlan, nullValues: readonly string[]): string | null {
  if (isText(col)) return null;
  const ref = quoteIdent(col.name);
  return `CASE WHEN (${valueSql(col, nullValues)}) IS NULL AND NOT ${missingSql(`trim(${ref})`, typedMissingOf(nullValues))} THEN ${ref} END`;
}

/** The typed value, raising STRICT_MARKER instead of returning NULL for a bad value. */
export function strictSql(col: ColumnPlan, nullValues: readonly string[]): string {
  if (isText(col)) return valueSql(col, nullValues);
  const ref = quoteIdent(col.name);
  return `coalesce(${valueSql(col, nullValues)}, CASE WHEN ${missingSql(`trim(${ref})`, typedMissingOf(nullValues))} THEN NULL ELSE error(${quoteLiteral(STRICT_MARKER)}) END)`;
}

/** What counts as missing in a typed column: the markers and TYPED_MISSING_WORDS (`None`, `..`). */
function typedMissingOf(nullValues: readonly string[]): readonly string[] {
  return [...nullValues, ...TYPED_MISSING_WORDS];
}

/**
 * `trim()` for text that will be parsed (`" 31/12/2024 "`), except where DuckDB's casts skip
 * spaces themselves: plain integers and floats are most of the cells of a big file, and a
 * trim copies every one of them. Text columns keep their spaces.
 */
export function innerTextSql(sourceRef: string, plan: ParsePlan): string {
  if (plan.kind === 'string') return sourceRef;
  if ((plan.kind === 'integer' || (plan.kind === 'float' && !plan.percent)) && plan.style === 'plain')
    return sourceRef;
  return `trim(${sourceRef})`;
}

export function formatOf(plan: ParsePlan | null): ParseFormat {
  if (!plan) return {};
  switch (plan.kind) {
    case 'integer':
      return {
        ...(plan.style === 'plain' ? {} : { numberStyle: plan.style }),
        ...signFormat(plan),
      };
    case 'float':
      return {
        ...(plan.style === 'plain' ? {} : { numberStyle: plan.style }),
        ...(plan.percent ? { percent: true } : {}),
        ...signFormat(plan),
      };
    case 'decimal':
      return {
        numberStyle: plan.style,
        currencySymbol: plan.currency,
        ...signFormat(plan),
      };
    case 'date':
    case 'datetime': {
      const named = [
        ...(plan.kind === 'date' && plan.monthNames ? ['%b %d %Y'] : []),
        ...(plan.kind === 'datetime' && plan.monthNames ? ['%b %d, %Y %I:%M %p'] : []),
        ...(plan.kind === 'date' && plan.yearMonth ? ['%Y-%m', '%b %Y'] : []),
        // No strptime code for a quarter: as written.
        ...(plan.kind === 'date' && plan.quarters ? ['YYYY-Qn'] : []),
      ];
      const formats = [...(plan.order ? dateFormatsOf(plan) : []), ...named];
      const f: ParseFormat = {
        ...(plan.order ? { dateOrder: plan.order } : {}),
        ...(formats.length > 0 ? { dateFormats: formats } : {}),
      };
      return plan.kind === 'datetime' && plan.tz ? { ...f, utcOffsets: true } : f;
    }
    default:
      return {};
  }
}

/** The negative forms a user reads off the schema (the typographic minus needs no saying). */
function signFormat(plan: SignForms): ParseFormat {
  return {
    ...(plan.negParens ? { negativeParens: true } : {}),
    ...(plan.negTrailing ? { negativeTrailingMinus: true } : {}),
  };
}

function dateFormatsOf(plan: Extract<ParsePlan, { kind: 'date' | 'datetime' }>): string[] {
  const d = plan.order === 'dmy' ? '%d/%m/%Y' : '%m/%d/%Y';
  return plan.kind === 'date' ? [d] : [`${d} %H:%M:%S`];
}
