import { MlError } from './errors.ts';

/**
 * The ML engine's columnar table. One typed array per column, no row objects:
 *
 * | kind          | storage                                   | missing         |
 * |---------------|-------------------------------------------|-----------------|
 * | `numeric`     | `Float64Array` or `Float32Array`          | `NaN`           |
 * | `boolean`     | `Float64Array` of 0/1                     | `NaN`           |
 * | `datetime`    | `Float64Array` of epoch milliseconds (UTC)| `NaN`           |
 * | `categorical` | `Int32Array` codes into `levels`          | code `-1`       |
 *
 * `±Infinity` is kept in numeric columns; tree models treat it as an extreme value, models that
 * need finite inputs reject it with `ML_NON_FINITE` unless a preprocessing step handles it.
 * Matrices are immutable: `take`, `select` and `without` return new ones that share arrays.
 */
export type ColumnKind = 'numeric' | 'categorical' | 'boolean' | 'datetime';

export interface NumericColumn {
  readonly name: string;
  readonly kind: 'numeric' | 'boolean' | 'datetime';
  readonly values: Float64Array | Float32Array;
}

export interface CategoricalColumn {
  readonly name: string;
  readonly kind: 'categorical';
  /** Index into `levels`, or -1 for missing. */
  readonly codes: Int32Array;
  readonly levels: readonly string[];
}

export type Column = NumericColumn | CategoricalColumn;

export type CellValue = number | string | boolean | Date | bigint | null | undefined;

export type ColumnValues = Float64Array | Float32Array | Int32Array | Uint8Array | ArrayLike<CellValue>;

/** How a caller (e.g. the DuckDB reader) hands a column to `Matrix.fromColumns`. */
export interface ColumnInput {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly values: ColumnValues;
  /** For `categorical` with integer `values`: the dictionary the codes point into. */
  readonly levels?: readonly string[];
}

export class Matrix {
  readonly nRows: number;
  readonly columns: readonly Column[];
  private readonly byName: Map<string, number>;

  private constructor(columns: readonly Column[], nRows: number) {
    this.columns = columns;
    this.nRows = nRows;
    this.byName = new Map();
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j];
      if (this.byName.has(c.name)) throw new MlError('ML_BAD_PARAM', `Duplicate column name "${c.name}"`);
      this.byName.set(c.name, j);
      if (columnLength(c) !== nRows) {
        throw new MlError(
          'ML_SHAPE_MISMATCH',
          `Column "${c.name}" has ${columnLength(c)} rows, expected ${nRows}`,
          {
            column: c.name,
          },
        );
      }
    }
  }

  /**
   * Build a matrix from column inputs, converting plain arrays to typed storage.
   *
   * ### Example
   * ```ts
   * const X = Matrix.fromColumns([
   *   { name: 'age', kind: 'numeric', values: [31, null, 45] },
   *   { name: 'city', kind: 'categorical', values: ['Oslo', 'Rome', null] },
   * ]);
   * ```
   */
  static fromColumns(inputs: readonly ColumnInput[]): Matrix {
    const cols = inputs.map(toColumn);
    return new Matrix(cols, cols.length > 0 ? columnLength(cols[0]) : 0);
  }

  /** Wrap already-typed columns (no copy). `nRows` is needed only when there are no columns. */
  static of(columns: readonly Column[], nRows?: number): Matrix {
    return new Matrix(columns, columns.length > 0 ? columnLength(columns[0]) : (nRows ?? 0));
  }

  get nCols(): number {
    return this.columns.length;
  }

  get names(): string[] {
    return this.columns.map((c) => c.name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  column(name: string): Column {
    const j = this.byName.get(name);
    if (j === undefined) throw new MlError('ML_FEATURE_NOT_FOUND', `No column "${name}"`, { column: name });
    return this.columns[j];
  }

  select(names: readonly string[]): Matrix {
    return new Matrix(
      names.map((n) => this.column(n)),
      this.nRows,
    );
  }

  without(names: readonly string[]): Matrix {
    const drop = new Set(names);
    return new Matrix(
      this.columns.filter((c) => !drop.has(c.name)),
      this.nRows,
    );
  }

  /** The rows at `rows`, in that order (categorical levels are shared, so codes stay comparable). */
  take(rows: ArrayLike<number>): Matrix {
    return new Matrix(
      this.columns.map((c) => takeColumn(c, rows)),
      rows.length,
    );
  }
}

export function columnLength(c: Column): number {
  return c.kind === 'categorical' ? c.codes.length : c.values.length;
}

export function isMissing(c: Column, i: number): boolean {
  return c.kind === 'categorical' ? c.codes[i] < 0 : Number.isNaN(c.values[i]);
}

export function takeColumn(c: Column, rows: ArrayLike<number>): Column {
  const n = rows.length;
  if (c.kind === 'categorical') {
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = c.codes[rows[i]];
    return { name: c.name, kind: c.kind, codes, levels: c.levels };
  }
  const values = c.values instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = c.values[rows[i]];
  return { name: c.name, kind: c.kind, values };
}

function toColumn(input: ColumnInput): Column {
  const { name, kind, values } = input;
  switch (kind) {
    case 'numeric':
      return { name, kind, values: toNumeric(values, name) };
    case 'boolean':
      return { name, kind, values: toBoolean(values, name) };
    case 'datetime':
      return { name, kind, values: toDatetime(values, name) };
    case 'categorical':
      return toCategorical(name, values, input.levels);
    default:
      throw new MlError('ML_BAD_PARAM', `Unknown column kind "${String(kind)}" for "${name}"`);
  }
}

function toNumeric(values: ColumnValues, name: string): Float64Array | Float32Array {
  if (values instanceof Float64Array || values instanceof Float32Array) return values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = cellToNumber(values[i], name);
  return out;
}

function cellToNumber(v: CellValue, name: string): number {
  if (v === null || v === undefined) return Number.NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.getTime();
  const s = v.trim();
  if (s === '') return Number.NaN;
  const x = Number(s);
  if (Number.isNaN(x) && !/^nan$/i.test(s)) {
    throw new MlError('ML_FEATURE_KIND_MISMATCH', `Column "${name}" is numeric but holds "${v}"`, {
      column: name,
    });
  }
  return x;
}

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0']);

function toBoolean(values: ColumnValues, name: string): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) out[i] = Number.NaN;
    else if (typeof v === 'boolean') out[i] = v ? 1 : 0;
    else if (typeof v === 'number' || typeof v === 'bigint') out[i] = Number(v) !== 0 ? 1 : 0;
    else {
      const s = String(v).trim().toLowerCase();
      if (s === '') out[i] = Number.NaN;
      else if (TRUE_WORDS.has(s)) out[i] = 1;
      else if (FALSE_WORDS.has(s)) out[i] = 0;
      else
        throw new MlError('ML_FEATURE_KIND_MISMATCH', `Column "${name}" is boolean but holds "${s}"`, {
          column: name,
        });
    }
  }
  return out;
}

function toDatetime(values: ColumnValues, name: string): Float64Array {
  if (values instanceof Float64Array) return values;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'string') {
      if (v.trim() === '') out[i] = Number.NaN;
      else {
        const t = Date.parse(v);
        if (Number.isNaN(t)) {
          throw new MlError('ML_FEATURE_KIND_MISMATCH', `Column "${name}" is a datetime but holds "${v}"`, {
            column: name,
          });
        }
        out[i] = t;
      }
    } else out[i] = cellToNumber(v, name);
  }
  return out;
}

function toCategorical(name: string, values: ColumnValues, levels?: readonly string[]): CategoricalColumn {
  if (levels !== undefined) {
    const codes = values instanceof Int32Array ? values : Int32Array.from(values as ArrayLike<number>);
    for (let i = 0; i < codes.length; i++) {
      if (codes[i] >= levels.length || Number.isNaN(codes[i])) {
        throw new MlError(
          'ML_BAD_PARAM',
          `Column "${name}" has code ${codes[i]} outside its ${levels.length} levels`,
        );
      }
    }
    return { name, kind: 'categorical', codes, levels };
  }
  const n = values.length;
  const strings: (string | null)[] = new Array(n);
  const distinct = new Set<string>();
  for (let i = 0; i < n; i++) {
    const s = cellToLevel(values[i]);
    strings[i] = s;
    if (s !== null) distinct.add(s);
  }
  // Sorted by code unit, like scikit-learn's OrdinalEncoder, so codes do not depend on row order.
  const sorted = [...distinct].sort(compareStrings);
  const index = new Map<string, number>();
  for (let k = 0; k < sorted.length; k++) index.set(sorted[k], k);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = strings[i];
    codes[i] = s === null ? -1 : index.get(s)!;
  }
  return { name, kind: 'categorical', codes, levels: sorted };
}

/** The level string of one cell; `null`, `undefined`, `NaN` and the empty string are missing. */
export function cellToLevel(v: CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  const s = String(v);
  return s === '' ? null : s;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Codes of `column` re-expressed in the dictionary `levels` (e.g. the training dictionary at
 * predict time). Levels not in `levels` become `unknownCode`; missing stays -1.
 */
export function recodeCategorical(
  column: CategoricalColumn,
  levels: readonly string[],
  unknownCode: number,
): Int32Array {
  if (column.levels === levels) return column.codes;
  const index = new Map<string, number>();
  for (let k = 0; k < levels.length; k++) index.set(levels[k], k);
  const map = new Int32Array(column.levels.length);
  for (let k = 0; k < column.levels.length; k++) map[k] = index.get(column.levels[k]) ?? unknownCode;
  const out = new Int32Array(column.codes.length);
  for (let i = 0; i < out.length; i++) {
    const c = column.codes[i];
    out[i] = c < 0 ? -1 : map[c];
  }
  return out;
}
