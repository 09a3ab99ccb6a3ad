import type { ColumnSchema, ProgressFn } from '../data/types.ts';
import { checkOption, EngineError } from '../errors.ts';

export interface ProfileOptions {
  /** Rows in the uniform sample used for correlations, target associations and scatter plots (default 50,000). */
  sampleForCorrelation?: number;
  /** Above this many rows, distinct counts are HyperLogLog estimates and quantiles t-digest estimates (default 10,000,000). */
  exactDistinctUpTo?: number;
  /** "Now" for the future-date check (default: the current time). Tests pass a fixed date. */
  now?: Date;
  /** Seed of the correlation sample (default 42). */
  seed?: number;
  /** Build the Vega-Lite chart specs (default true). */
  charts?: boolean;
}

export interface ProfileRequest {
  parquetPath: string;
  columns: ColumnSchema[];
  /** Name of the target column: adds the target-aware section. */
  target?: string;
  options?: ProfileOptions;
  onProgress?: ProgressFn;
  signal?: AbortSignal;
}

export interface ResolvedOptions {
  sampleForCorrelation: number;
  exactDistinctUpTo: number;
  now: number;
  seed: number;
  charts: boolean;
}

export const DEFAULT_CORRELATION_SAMPLE = 50_000;
export const DEFAULT_EXACT_DISTINCT_UP_TO = 10_000_000;

export function resolveOptions(req: ProfileRequest): ResolvedOptions {
  const o = req.options ?? {};
  const sample = o.sampleForCorrelation ?? DEFAULT_CORRELATION_SAMPLE;
  const exact = o.exactDistinctUpTo ?? DEFAULT_EXACT_DISTINCT_UP_TO;
  const seed = o.seed ?? 42;
  checkOption(
    Number.isInteger(sample) && sample >= 100 && sample <= 5_000_000,
    'sampleForCorrelation',
    'an integer 100..5,000,000',
    sample,
  );
  checkOption(Number.isInteger(exact) && exact >= 0, 'exactDistinctUpTo', 'an integer ≥ 0', exact);
  checkOption(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 31, 'seed', 'an integer 0..2^31-1', seed);
  checkOption(
    o.now === undefined || (o.now instanceof Date && Number.isFinite(o.now.getTime())),
    'now',
    'a valid Date',
    o.now,
  );
  checkOption(
    typeof req.parquetPath === 'string' && req.parquetPath !== '',
    'parquetPath',
    'a path',
    req.parquetPath,
  );
  checkOption(Array.isArray(req.columns), 'columns', 'an array of column schemas', req.columns);
  const names = new Set<string>();
  for (const c of req.columns) {
    if (names.has(c.name)) {
      throw new EngineError('INVALID_OPTIONS', `Column "${c.name}" appears twice in the schema`, {
        option: 'columns',
        column: c.name,
      });
    }
    names.add(c.name);
  }
  if (req.target !== undefined && !names.has(req.target)) {
    throw new EngineError('COLUMN_NOT_FOUND', `The target column "${req.target}" is not in the schema`, {
      column: req.target,
    });
  }
  return {
    sampleForCorrelation: sample,
    exactDistinctUpTo: exact,
    now: (o.now ?? new Date()).getTime(),
    seed,
    charts: o.charts ?? true,
  };
}
