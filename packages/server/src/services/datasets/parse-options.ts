import { z } from 'zod';
import { UamError } from '../../errors/index.ts';
import type { ParseOptions } from './data-engine.ts';

/**
 * The engine's defaults for the options the upload path reads before the engine is loaded
 * (DEFAULT_SAMPLE_ROWS, DEFAULT_MAX_LINE_BYTES; a test keeps them equal).
 */
export const ENGINE_DEFAULTS = { sampleRows: 10_000, maxLineBytes: 2 * 1024 * 1024 } as const;

/**
 * The engine's ParseOptions as the API accepts them (multipart field `options`, JSON). The
 * shape is checked here, so a typo is a 400 at upload time; the engine checks the ranges again
 * when it runs. Unknown keys are rejected rather than ignored.
 */
export const parseOptionsSchema = z.strictObject({
  format: z.enum(['csv', 'json', 'ndjson', 'parquet', 'xlsx']).optional(),
  encoding: z
    .enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'shift_jis', 'euc-jp', 'gbk', 'big5', 'euc-kr'])
    .optional(),
  delimiter: z.string().length(1).optional(),
  quote: z.string().length(1).optional(),
  escape: z.string().length(1).optional(),
  header: z.boolean().optional(),
  decimalComma: z.boolean().optional(),
  dateOrder: z.enum(['dmy', 'mdy']).optional(),
  skipRows: z.number().int().min(0).max(1_000_000).optional(),
  skipBadLines: z.boolean().optional(),
  nullValues: z.array(z.string().max(64)).max(100).optional(),
  sheet: z.union([z.string().min(1).max(200), z.number().int().min(1)]).optional(),
  sampleRows: z.number().int().min(1_000).max(100_000).optional(),
  maxColumns: z.number().int().min(1).max(100_000).optional(),
  maxLineBytes: z
    .number()
    .int()
    .min(1024)
    .max(1024 ** 3)
    .optional(),
}) satisfies z.ZodType<ParseOptions>;

/** Parse the `options` form field (JSON text); throws VALIDATION_ERROR naming the bad option. */
export function parseOptionsField(text: string | undefined): ParseOptions {
  if (text === undefined || text.trim() === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UamError('VALIDATION_ERROR', 'The options field must be JSON', {
      issues: [{ path: 'options', message: 'not valid JSON' }],
    });
  }
  const parsed = parseOptionsSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    path: ['options', ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  throw new UamError('VALIDATION_ERROR', `Invalid parse options: ${issues[0]!.path}: ${issues[0]!.message}`, {
    issues,
  });
}

/** Options as a canonical JSON string (sorted keys), so equal options hash equal. */
export function canonicalOptions(o: ParseOptions): string {
  const entries = Object.entries(o)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(Object.fromEntries(entries));
}
