/**
 * The functions a derive expression may call: each maps typed arguments to fixed SQL text.
 * Nothing outside this table can be called, so an expression cannot reach DuckDB functions
 * that read files, change settings or run dynamic SQL.
 */

export type ExprType = 'number' | 'string' | 'boolean' | 'date' | 'datetime' | 'time' | 'null';

export interface FunctionSpec {
  /** Argument types; 'any' accepts every type, 'temporal' date or datetime. */
  args: ArgType[];
  /** Extra trailing arguments allowed, of the last type. */
  variadic?: boolean;
  /** Arguments that may be left out at the end. */
  optional?: number;
  returns: ExprType | 'first';
  sql: (args: string[]) => string;
}

export type ArgType = ExprType | 'any' | 'temporal' | 'unit';

/** Units for `date_diff` / `date_trunc`: emitted as SQL text, so only these are accepted. */
export const DATE_UNITS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;

const unary = (fn: string): FunctionSpec => ({
  args: ['number'],
  returns: 'number',
  sql: ([a]) => `${fn}(${a})`,
});
const text1 = (fn: string): FunctionSpec => ({
  args: ['string'],
  returns: 'string',
  sql: ([a]) => `${fn}(${a})`,
});
const part = (fn: string): FunctionSpec => ({
  args: ['temporal'],
  returns: 'number',
  sql: ([a]) => `CAST(${fn}(${a}) AS DOUBLE)`,
});
const test2 = (fn: string): FunctionSpec => ({
  args: ['string', 'string'],
  returns: 'boolean',
  sql: ([a, b]) => `${fn}(${a}, ${b})`,
});

export const FUNCTIONS: Record<string, FunctionSpec> = {
  abs: unary('abs'),
  floor: unary('floor'),
  ceil: unary('ceil'),
  sign: unary('sign'),
  exp: unary('exp'),
  sqrt: { args: ['number'], returns: 'number', sql: ([a]) => `CASE WHEN ${a} >= 0 THEN sqrt(${a}) END` },
  ln: { args: ['number'], returns: 'number', sql: ([a]) => `CASE WHEN ${a} > 0 THEN ln(${a}) END` },
  log10: { args: ['number'], returns: 'number', sql: ([a]) => `CASE WHEN ${a} > 0 THEN log10(${a}) END` },
  pow: { args: ['number', 'number'], returns: 'number', sql: ([a, b]) => `pow(${a}, ${b})` },
  round: {
    args: ['number', 'number'],
    optional: 1,
    returns: 'number',
    sql: ([a, b]) => (b === undefined ? `round(${a})` : `round(${a}, CAST(${b} AS INTEGER))`),
  },
  least: {
    args: ['number', 'number'],
    variadic: true,
    returns: 'number',
    sql: (a) => `least(${a.join(', ')})`,
  },
  greatest: {
    args: ['number', 'number'],
    variadic: true,
    returns: 'number',
    sql: (a) => `greatest(${a.join(', ')})`,
  },
  lower: text1('lower'),
  upper: text1('upper'),
  trim: text1('trim'),
  length: { args: ['string'], returns: 'number', sql: ([a]) => `CAST(length(${a}) AS DOUBLE)` },
  substr: {
    args: ['string', 'number', 'number'],
    optional: 1,
    returns: 'string',
    sql: ([a, b, c]) =>
      `substr(${a}, CAST(${b} AS BIGINT)${c === undefined ? '' : `, CAST(${c} AS BIGINT)`})`,
  },
  left: {
    args: ['string', 'number'],
    returns: 'string',
    sql: ([a, b]) => `left(${a}, CAST(${b} AS BIGINT))`,
  },
  right: {
    args: ['string', 'number'],
    returns: 'string',
    sql: ([a, b]) => `right(${a}, CAST(${b} AS BIGINT))`,
  },
  replace: {
    args: ['string', 'string', 'string'],
    returns: 'string',
    sql: ([a, b, c]) => `replace(${a}, ${b}, ${c})`,
  },
  concat: { args: ['any'], variadic: true, returns: 'string', sql: (a) => `concat(${a.join(', ')})` },
  contains: test2('contains'),
  starts_with: test2('starts_with'),
  ends_with: test2('ends_with'),
  year: part('year'),
  month: part('month'),
  day: part('day'),
  hour: part('hour'),
  minute: part('minute'),
  weekday: part('isodow'),
  date_diff: {
    args: ['unit', 'temporal', 'temporal'],
    returns: 'number',
    sql: ([u, a, b]) => `CAST(date_diff(${u}, ${a}, ${b}) AS DOUBLE)`,
  },
  date_trunc: {
    args: ['unit', 'temporal'],
    returns: 'datetime',
    sql: ([u, a]) => `CAST(date_trunc(${u}, ${a}) AS TIMESTAMP)`,
  },
  if: {
    args: ['boolean', 'any', 'any'],
    returns: 'first',
    sql: ([c, a, b]) => `CASE WHEN ${c} THEN ${a} ELSE ${b} END`,
  },
  coalesce: {
    args: ['any', 'any'],
    variadic: true,
    returns: 'first',
    sql: (a) => `coalesce(${a.join(', ')})`,
  },
  is_null: { args: ['any'], returns: 'boolean', sql: ([a]) => `(${a} IS NULL)` },
  to_number: { args: ['any'], returns: 'number', sql: ([a]) => `TRY_CAST(${a} AS DOUBLE)` },
  to_text: { args: ['any'], returns: 'string', sql: ([a]) => `CAST(${a} AS VARCHAR)` },
  to_date: {
    args: ['string', 'string'],
    optional: 1,
    returns: 'date',
    sql: ([a, f]) => (f === undefined ? `TRY_CAST(${a} AS DATE)` : `CAST(try_strptime(${a}, ${f}) AS DATE)`),
  },
};
