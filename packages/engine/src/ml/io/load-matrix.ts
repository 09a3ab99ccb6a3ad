import type { DuckEngine } from '../../data/duck-engine.ts';
import { runRows, throwIfAborted } from '../../data/run-query.ts';
import { quoteIdent, quoteLiteral } from '../../data/sql.ts';
import { EngineError } from '../../errors.ts';
import { doublesOf } from '../../profile/duck-fetch.ts';
import { MlError } from '../errors.ts';
import { type Column, type ColumnKind, compareStrings, Matrix } from '../matrix.ts';

export interface LoadMatrixOptions {
  /** Columns to read, in this order (default: every column of the file). */
  columns?: readonly string[];
  /** Numeric storage: float64 (default) or float32 (half the memory, ~7 significant digits). */
  precision?: 'float64' | 'float32';
  signal?: AbortSignal;
}

export interface LoadedMatrix {
  matrix: Matrix;
  /** The DuckDB type each column had in the file. */
  sourceTypes: Record<string, string>;
}

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;

/** The matrix kind of a DuckDB column type: numbers, booleans and dates as such, all else categorical. */
export function matrixKindOf(duckType: string): ColumnKind {
  if (NUMERIC.test(duckType) || duckType === 'TIME') return 'numeric';
  if (duckType === 'BOOLEAN') return 'boolean';
  if (duckType === 'DATE' || duckType.startsWith('TIMESTAMP')) return 'datetime';
  return 'categorical';
}

/** SQL turning a column into what its kind stores: DOUBLE (epoch ms for dates, seconds for TIME) or VARCHAR. */
function selectExpr(name: string, duckType: string, kind: ColumnKind): string {
  const c = quoteIdent(name);
  if (kind === 'datetime') return `CAST(epoch_ms(CAST(${c} AS TIMESTAMP)) AS DOUBLE)`;
  if (duckType === 'TIME') return `CAST(epoch(${c}) AS DOUBLE)`;
  if (kind === 'categorical') return `CAST(${c} AS VARCHAR)`;
  return `CAST(${c} AS DOUBLE)`;
}

/**
 * Read a Parquet file (a dataset version) into a `Matrix` through DuckDB, one streamed pass in
 * file order. Numeric columns are copied vector by vector into typed arrays (no JS value per
 * cell); text columns are dictionary-coded while streaming, then re-coded to sorted levels so
 * codes do not depend on row order. Dates become epoch milliseconds, TIME seconds of the day.
 *
 * ### Example
 * ```ts
 * const { matrix } = await loadMatrix(engine, '/data/v1.parquet', { columns: ['age', 'churned'] });
 * ```
 */
export async function loadMatrix(
  engine: DuckEngine,
  parquetPath: string,
  opts: LoadMatrixOptions = {},
): Promise<LoadedMatrix> {
  return engine.withConnection(async (conn) => {
    const source = `read_parquet(${quoteLiteral(parquetPath)})`;
    const described = (await runRows(conn, `DESCRIBE SELECT * FROM ${source}`, { signal: opts.signal })) as [
      string,
      string,
    ][];
    const types = new Map(described.map(([name, type]) => [name, type]));
    const names = opts.columns ? [...opts.columns] : described.map(([name]) => name);
    for (const name of names) {
      if (!types.has(name))
        throw new MlError('ML_FEATURE_NOT_FOUND', `No column "${name}"`, { column: name });
    }
    const kinds = names.map((n) => matrixKindOf(types.get(n)!));
    const nRows = Number(await runRows(conn, `SELECT count(*) FROM ${source}`).then((r) => r[0][0]));
    const f32 = opts.precision === 'float32';
    const numeric = kinds.map((k) =>
      k === 'categorical' ? null : f32 ? new Float32Array(nRows) : new Float64Array(nRows),
    );
    const codes = kinds.map((k) => (k === 'categorical' ? new Int32Array(nRows) : null));
    const dicts = kinds.map(() => new Map<string, number>());
    if (names.length > 0) {
      const sql = `SELECT ${names.map((n, j) => selectExpr(n, types.get(n)!, kinds[j])).join(', ')} FROM ${source}`;
      throwIfAborted(opts.signal);
      const onAbort = () => conn.interrupt();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        const result = await conn.stream(sql);
        let at = 0;
        for (;;) {
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) break;
          const n = chunk.rowCount;
          if (at + n > nRows) throw new Error('the file has more rows than counted');
          for (let j = 0; j < names.length; j++) {
            const vector = chunk.getColumnVector(j);
            const out = numeric[j];
            if (out !== null) {
              if (out instanceof Float64Array) doublesOf(vector, 0, n, out.subarray(at, at + n));
              else out.set(doublesOf(vector, 0, n), at);
            } else codeStrings(vector, n, dicts[j], codes[j]!, at);
          }
          at += n;
        }
      } catch (e) {
        if (opts.signal?.aborted) throw new EngineError('CANCELLED');
        throw e;
      } finally {
        opts.signal?.removeEventListener('abort', onAbort);
      }
    }
    const columns: Column[] = names.map((name, j) => {
      const kind = kinds[j];
      if (kind !== 'categorical') return { name, kind, values: numeric[j]! };
      return { name, kind, ...sortedLevels(dicts[j], codes[j]!) };
    });
    return {
      matrix: Matrix.of(columns, nRows),
      sourceTypes: Object.fromEntries(names.map((n) => [n, types.get(n)!])),
    };
  });
}

/** Code a VARCHAR vector in first-seen order into `codes` at `offset` (NULL and '' → -1). */
function codeStrings(
  vector: { getItem(i: number): unknown },
  n: number,
  dict: Map<string, number>,
  codes: Int32Array,
  offset: number,
): void {
  for (let i = 0; i < n; i++) {
    const v = vector.getItem(i);
    if (typeof v !== 'string' || v === '') {
      codes[offset + i] = -1;
      continue;
    }
    let code = dict.get(v);
    if (code === undefined) {
      code = dict.size;
      dict.set(v, code);
    }
    codes[offset + i] = code;
  }
}

/** Re-code first-seen codes to levels sorted by code unit (as `Matrix.fromColumns` does). */
function sortedLevels(dict: Map<string, number>, codes: Int32Array): { codes: Int32Array; levels: string[] } {
  const first = [...dict.keys()];
  const levels = [...first].sort(compareStrings);
  const rank = new Int32Array(first.length);
  for (let k = 0; k < levels.length; k++) rank[dict.get(levels[k])!] = k;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) codes[i] = rank[codes[i]];
  return { codes, levels };
}
