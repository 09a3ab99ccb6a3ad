import { constants, createReadStream } from 'node:fs';
import { access, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../config/config.ts';
import { isUamError, UamError } from '../errors/index.ts';
import { createLogger } from '../logger.ts';
import { createPlatform } from '../platform.ts';
import { ProjectRepository } from '../repositories/project.repository.ts';
import { type UserRecord, UserRepository } from '../repositories/user.repository.ts';
import {
  type ColumnSchema,
  type IngestWarning,
  ingestFile,
  openEngine,
  type ParseOptions,
} from '../services/datasets/data-engine.ts';
import { toDatasetError } from '../services/datasets/dataset-errors.ts';
import { sanitizeFileName } from '../services/datasets/file-name.ts';
import { parseOptionsField, parseOptionsSchema } from '../services/datasets/parse-options.ts';
import type { Principal } from '../services/principal.ts';
import { asUsageError, failureJson, UsageError } from './cli-errors.ts';

const COMMAND = 'uam ingest';

const USAGE = `Usage: uam ingest FILE [options]

Read FILE (CSV/TSV, JSON, NDJSON, Parquet or Excel .xlsx) with the data engine on this machine
and print the schema UAM infers. With --project, upload it instead to that project of the
embedded platform (UAM_DATA_DIR) as a new dataset, wait for the import and print its schema.

Options:
  --project ID         upload FILE to this project instead of only reading it
  --as EMAIL           with --project: the account the upload is recorded under
                       (default: the project's creator)
  --json               print the report, or the error, as JSON on stdout
  -h, --help           show this help

Parse options (default: detected from the file; these flags win over --options):
  --format F           csv, json, ndjson, parquet or xlsx
  --sheet NAME|N       Excel: the sheet to read, by name or 1-based position
  --delimiter C        CSV: the field separator, one character ("tab" or "\\t" for a tab)
  --encoding E         utf-8, utf-16le, utf-16be, windows-1252, shift_jis, euc-jp, gbk,
                       big5 or euc-kr
  --header             the first row holds the column names
  --no-header          the first row is data; columns are named column_1, column_2, ...
  --skip-rows N        lines to skip before the header (a preamble)
  --skip-bad-lines     skip malformed lines instead of failing; the count is reported
  --decimal-comma      numbers use a decimal comma (1.234,5)
  --date-order O       dmy or mdy: how to read dates like 03/04/2024
  --null-value S       a text that means "missing"; repeat for more (replaces the defaults)
  --options JSON       any parse option as JSON, e.g. '{"sampleRows":50000}'

Examples:
  uam ingest sales.xlsx --sheet Q3
  uam ingest export.csv --delimiter ';' --decimal-comma --skip-rows 2 --json
  uam ingest export.csv --project 6f1c... --as analyst@example.com

Exit status: 0 on success, 1 if the file cannot be read or imported, 2 for a usage mistake.`;

export interface SchemaReport {
  rowCount: number;
  columns: ColumnSchema[];
  warnings: Array<Pick<IngestWarning, 'code' | 'message'>>;
}

/** The command line of `uam ingest`, parsed and checked. */
export interface IngestArgs {
  file: string;
  project?: string;
  as?: string;
  json: boolean;
  options: ParseOptions;
}

/**
 * `uam ingest`: prints a schema table (or JSON with --json). Failures are thrown (main.ts
 * prints them and picks the exit code); with --json they are also printed as JSON on `out`,
 * so a script reading stdout always gets JSON.
 */
export async function ingestCommand(
  argv: string[],
  out: (line: string) => void = console.log,
): Promise<void> {
  if (beforeDashDash(argv).some((a) => a === '--help' || a === '-h')) {
    out(USAGE);
    return;
  }
  try {
    const args = parseIngestArgs(argv);
    await checkReadableFile(args.file);
    const report = args.project
      ? await uploadToProject(args.file, args.project, args.as, args.options)
      : await ingestLocally(args.file, args.options);
    if (args.json) out(JSON.stringify(report, null, 2));
    else for (const line of formatReport(report)) out(line);
  } catch (e) {
    const err = asUsageError(e, COMMAND);
    // Decided from the raw argv: the error may be that the arguments did not parse at all.
    if (beforeDashDash(argv).includes('--json')) out(failureJson(err));
    throw err;
  }
}

/** Arguments after `--` are file names, never flags. */
function beforeDashDash(argv: string[]): string[] {
  const end = argv.indexOf('--');
  return end === -1 ? argv : argv.slice(0, end);
}

/** Parses the command line; throws UsageError (exit 2) for any mistake in it. */
export function parseIngestArgs(argv: string[]): IngestArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      project: { type: 'string' },
      as: { type: 'string' },
      json: { type: 'boolean', default: false },
      options: { type: 'string' },
      format: { type: 'string' },
      sheet: { type: 'string' },
      delimiter: { type: 'string' },
      encoding: { type: 'string' },
      header: { type: 'boolean' },
      'no-header': { type: 'boolean' },
      'skip-rows': { type: 'string' },
      'skip-bad-lines': { type: 'boolean' },
      'decimal-comma': { type: 'boolean' },
      'date-order': { type: 'string' },
      'null-value': { type: 'string', multiple: true },
    },
  });
  if (positionals.length === 0) throw new UsageError('missing FILE', COMMAND);
  if (positionals.length > 1) {
    throw new UsageError(`expected one FILE, got ${positionals.length}: ${positionals.join(' ')}`, COMMAND);
  }
  if (values.as !== undefined && values.project === undefined) {
    throw new UsageError('--as only applies with --project', COMMAND);
  }
  return {
    file: positionals[0]!,
    project: values.project,
    as: values.as,
    json: values.json,
    options: { ...optionsJson(values.options), ...flagOptions(values) },
  };
}

/** `--options JSON`, checked like the API's `options` field, mistakes reported as usage. */
function optionsJson(text: string | undefined): ParseOptions {
  try {
    return parseOptionsField(text);
  } catch (e) {
    if (!isUamError(e)) throw e;
    // The API's messages name the form field; here the issue itself reads better after the flag.
    const issue = firstIssue(e.details.issues);
    const key = issue?.path.replace(/^options\.?/, '');
    const what = issue ? (key ? `${key}: ${issue.message}` : issue.message) : e.message;
    throw new UsageError(`--options: ${what}`, COMMAND, e.details);
  }
}

function firstIssue(issues: unknown): { path: string; message: string } | undefined {
  const first: unknown = Array.isArray(issues) ? issues[0] : undefined;
  if (typeof first !== 'object' || first === null) return undefined;
  const { path, message } = first as Record<string, unknown>;
  return typeof path === 'string' && typeof message === 'string' ? { path, message } : undefined;
}

/** The parse-option flags as parseArgs returns them (absent flags are undefined, not false). */
interface OptionFlags {
  format?: string;
  sheet?: string;
  delimiter?: string;
  encoding?: string;
  header?: boolean;
  'no-header'?: boolean;
  'skip-rows'?: string;
  'skip-bad-lines'?: boolean;
  'decimal-comma'?: boolean;
  'date-order'?: string;
  'null-value'?: string[];
}

/** The flag that sets each ParseOptions key, so messages name what the user typed. */
const FLAG_OF: Partial<Record<string, string>> = {
  format: '--format',
  sheet: '--sheet',
  delimiter: '--delimiter',
  encoding: '--encoding',
  header: '--header/--no-header',
  skipRows: '--skip-rows',
  skipBadLines: '--skip-bad-lines',
  decimalComma: '--decimal-comma',
  dateOrder: '--date-order',
  nullValues: '--null-value',
};

/**
 * The given flags as ParseOptions. Only flags that were typed become keys, so `--options`
 * keeps every key no flag overrides. Ranges and enums are checked by the same schema as the
 * API's `options` field.
 */
function flagOptions(v: OptionFlags): ParseOptions {
  const raw = Object.fromEntries(
    Object.entries({
      format: v.format,
      sheet: sheetRef(v.sheet),
      delimiter: delimiterChar(v.delimiter),
      encoding: v.encoding,
      header: headerFlag(v.header, v['no-header']),
      skipRows: nonNegativeInteger('--skip-rows', v['skip-rows']),
      skipBadLines: v['skip-bad-lines'],
      decimalComma: v['decimal-comma'],
      dateOrder: v['date-order'],
      nullValues: v['null-value'],
    }).filter(([, value]) => value !== undefined),
  );
  const parsed = parseOptionsSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const key = String(issue.path[0]);
  const flag = FLAG_OF[key] ?? key;
  throw new UsageError(`${flag} ${JSON.stringify(raw[key])}: ${issue.message}`, COMMAND, { option: key });
}

/** Digits are a 1-based position (ParseOptions takes a number for that), anything else a name. */
function sheetRef(text: string | undefined): string | number | undefined {
  if (text === undefined) return undefined;
  if (text === '') throw new UsageError('--sheet needs a sheet name or a 1-based position', COMMAND);
  if (!/^\d+$/.test(text)) return text;
  const position = Number(text);
  if (position < 1) throw new UsageError(`--sheet positions start at 1, got ${text}`, COMMAND);
  return position;
}

/** A real tab is awkward to type in a shell, so `tab` and a literal `\t` stand for it. */
function delimiterChar(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (text === 'tab' || text === '\\t') return '\t';
  if (text.length !== 1) {
    throw new UsageError(
      `--delimiter must be one character (or "tab"), got ${JSON.stringify(text)}`,
      COMMAND,
    );
  }
  return text;
}

function headerFlag(header: boolean | undefined, noHeader: boolean | undefined): boolean | undefined {
  if (header && noHeader) throw new UsageError('--header and --no-header contradict each other', COMMAND);
  if (header) return true;
  if (noHeader) return false;
  return undefined;
}

/** Strictly digits: Number() would also take `1e3`, `0x10` or ` 2 `. */
function nonNegativeInteger(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`${flag} must be a non-negative integer, got ${JSON.stringify(text)}`, COMMAND);
  }
  return Number(text);
}

/** A missing or unreadable FILE as a typed error before any engine or platform starts. */
async function checkReadableFile(file: string): Promise<void> {
  const info = await stat(file).catch((e: NodeJS.ErrnoException) => e);
  if (info instanceof Error) {
    if (info.code === 'ENOENT' || info.code === 'ENOTDIR') {
      throw new UamError('NOT_FOUND', `No such file: ${file}`, { path: file });
    }
    throw new UamError('VALIDATION_ERROR', `Cannot read ${file}: ${info.message}`, { path: file });
  }
  if (!info.isFile()) throw new UamError('VALIDATION_ERROR', `Not a file: ${file}`, { path: file });
  await access(file, constants.R_OK).catch(() => {
    throw new UamError('FORBIDDEN', `No permission to read ${file}`, { path: file });
  });
}

async function ingestLocally(file: string, options: ParseOptions): Promise<SchemaReport> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'uam-ingest-'));
  const engine = await openEngine({ tempDir: path.join(dir, 'engine') });
  try {
    const r = await ingestFile(engine, {
      input: path.resolve(file),
      output: path.join(dir, 'version.parquet'),
      options,
      hint: { fileName: path.basename(file) },
    });
    return { rowCount: r.rowCount, columns: r.columns, warnings: r.warnings };
  } catch (e) {
    throw toDatasetError(e);
  } finally {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function uploadToProject(
  file: string,
  projectId: string,
  as: string | undefined,
  options: ParseOptions,
): Promise<SchemaReport & { datasetId: string; version: number }> {
  const config = parseConfig(process.env);
  const platform = await createPlatform(config, createLogger('warn'));
  try {
    await platform.startJobs();
    const principal = await actingUser(platform, projectId, as);
    const uploads = platform.services.datasetUploads;
    const fileName = sanitizeFileName(path.basename(file));
    const staged = await uploads.stage(principal, { projectId }, createReadStream(file), fileName);
    const outcome = await uploads.commit(principal, staged, { options }).catch(async (e) => {
      await uploads.discard(staged);
      throw e;
    });
    if (outcome.job) {
      const job = await platform.jobs.service.waitFor(outcome.job.id, config.UAM_INGEST_TIMEOUT_MS);
      if (job.status !== 'succeeded')
        throw UamError.fromJSON(job.error ?? { code: 'JOB_FAILED', message: job.status });
    }
    const version = await platform.services.datasets.version(
      principal,
      outcome.dataset.id,
      outcome.version.number,
    );
    return {
      datasetId: outcome.dataset.id,
      version: version.number,
      rowCount: version.rowCount ?? 0,
      columns: (version.schema ?? []) as ColumnSchema[],
      warnings: version.warnings as IngestWarning[],
    };
  } finally {
    await platform.close();
  }
}

/** The account the upload is recorded under: `--as`, else the project's creator. */
async function actingUser(
  platform: Awaited<ReturnType<typeof createPlatform>>,
  projectId: string,
  email: string | undefined,
): Promise<Principal> {
  const db = platform.database.db;
  const users = new UserRepository(db);
  let user: UserRecord | undefined;
  if (email) {
    user = await users.findByEmail(email);
    if (!user) throw new UamError('USER_NOT_FOUND', `No account ${email}`);
  } else {
    // The join's user only fills `role`; the creator is what we want here.
    const project = await new ProjectRepository(db).findForUser(projectId, NIL_UUID);
    if (!project) throw new UamError('PROJECT_NOT_FOUND', undefined, { projectId });
    user = await users.findById(project.createdBy);
    if (!user) throw new UamError('USER_NOT_FOUND', 'The project creator no longer exists; pass --as EMAIL');
  }
  if (user.disabled) throw new UamError('AUTH_USER_DISABLED');
  return { userId: user.id, email: user.email, role: user.role, orgId: user.orgId, via: 'jwt' };
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** The report as aligned text: one row per column, then the warnings. */
export function formatReport(r: SchemaReport): string[] {
  const header = ['column', 'storage type', 'semantic type', 'missing', 'failures'];
  const rows = r.columns.map((c) => [
    c.name,
    c.storageType,
    c.semanticType,
    String(c.missingCount),
    c.failures.count > 0 ? `${c.failures.count} (e.g. ${c.failures.examples.slice(0, 2).join(', ')})` : '0',
  ]);
  const widths = header.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((row) => row[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [
    `${plural(r.rowCount, 'row')}, ${plural(r.columns.length, 'column')}`,
    '',
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  if (r.warnings.length > 0) {
    out.push('', 'Warnings:', ...r.warnings.map((w) => `  ${w.code}: ${w.message}`));
  }
  return out;
}

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}
