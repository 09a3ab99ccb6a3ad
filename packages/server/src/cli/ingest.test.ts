import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UamError } from '../errors/index.ts';
import { describeFailure, exitCodeOf, UsageError } from './cli-errors.ts';
import { formatReport, ingestCommand, parseIngestArgs } from './ingest.ts';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'uam-cli-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function writeFile(name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, text);
  return file;
}

/** Runs `ingestCommand`, returning what it printed and what it threw (if anything). */
async function run(argv: string[]): Promise<{ lines: string[]; error: unknown }> {
  const lines: string[] = [];
  const error = await ingestCommand(argv, (l) => lines.push(l)).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { lines, error };
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The real `uam` process, for what only main.ts decides: stderr text and the exit code. */
async function uam(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const main = path.join(repoRoot, 'packages/server/src/cli/main.ts');
  try {
    const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', main, ...args], {
      cwd: repoRoot,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('uam ingest FILE', () => {
  it('prints the inferred schema as a table, with warnings', async () => {
    const file = await writeFile('people.csv', 'id,name,id,when\n1,ann,3,2024-01-02\n2,,4,2024-02-03\n');
    const { lines, error } = await run([file]);
    expect(error).toBeUndefined();
    expect(lines[0]).toBe('2 rows, 4 columns');
    expect(lines[2]).toMatch(/^column\s+storage type\s+semantic type\s+missing\s+failures$/);
    expect(lines.find((l) => l.startsWith('when'))).toMatch(/^when\s+date\s+datetime\s+0\s+0$/);
    expect(lines.find((l) => l.startsWith('name'))).toMatch(/\s1\s+0$/);
    expect(lines).toContain('Warnings:');
    expect(lines.some((l) => l.includes('COLUMN_RENAMED'))).toBe(true);
  });

  it('formats an empty report', () => {
    const report = { rowCount: 0, columns: [], warnings: [] };
    expect(formatReport(report)[0]).toBe('0 rows, 0 columns');
    expect(formatReport({ ...report, rowCount: 1 })[0]).toBe('1 row, 0 columns');
    expect(formatReport({ ...report, rowCount: 1_000_000 })[0]).toBe('1,000,000 rows, 0 columns');
  });
});

describe('uam ingest --help', () => {
  it.each([[['--help']], [['-h']], [['data.csv', '--sheet', 'X', '--help']]])(
    '%j prints the usage with every flag and an example, without failing',
    async (argv) => {
      const { lines, error } = await run(argv);
      expect(error).toBeUndefined();
      const usage = lines.join('\n');
      expect(usage).toMatch(/^Usage: uam ingest FILE/);
      for (const flag of [
        '--project',
        '--as',
        '--json',
        '--options',
        '--format',
        '--sheet',
        '--delimiter',
        '--encoding',
        '--header',
        '--no-header',
        '--skip-rows',
        '--skip-bad-lines',
        '--decimal-comma',
        '--date-order',
        '--null-value',
      ]) {
        expect(usage).toMatch(new RegExp(`^  (-h, )?${flag}\\b.*\\S`, 'm'));
      }
      expect(usage).toMatch(/Examples:\n {2}uam ingest \S+/);
    },
  );

  it('the process exits 0 (`uam help ingest` is the same); `uam --help` lists the commands', async () => {
    const help = await uam(['help', 'ingest']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(/^Usage: uam ingest FILE/);
    const top = await uam(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['serve', 'worker', 'migrate', 'create-admin', 'ingest', 'help']) {
      expect(top.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
    expect(top.stdout).toMatch(/Without a command, `uam` runs `serve`/);
  });
});

describe('uam ingest: command-line mistakes', () => {
  it('an unknown flag is `uam: unknown option --x` with a hint and exit 2, no stack trace', async () => {
    const r = await uam(['ingest', '--sheets', 'X', 'data.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('uam: unknown option --sheets\nRun "uam ingest --help" for usage.\n');
    expect(r.stdout).toBe('');
  });

  it.each([
    [['data.csv', '--skip-rows', 'abc'], '--skip-rows must be a non-negative integer, got "abc"'],
    [['data.csv', '--skip-rows=-1'], '--skip-rows must be a non-negative integer, got "-1"'],
    [['data.csv', '--skip-rows', '1e3'], '--skip-rows must be a non-negative integer, got "1e3"'],
    [['data.csv', '--skip-rows', '2000000'], /^--skip-rows 2000000: Too big/],
    [['data.csv', '--sheet', '0'], '--sheet positions start at 1, got 0'],
    [['data.csv', '--delimiter', ';;'], '--delimiter must be one character (or "tab"), got ";;"'],
    [['data.csv', '--encoding', 'latin1'], /^--encoding "latin1": .*"windows-1252"/],
    [['data.csv', '--format', 'xls'], /^--format "xls": .*"xlsx"/],
    [['data.csv', '--date-order', 'ymd'], /^--date-order "ymd": .*"dmy"\|"mdy"/],
    [['data.csv', '--header', '--no-header'], '--header and --no-header contradict each other'],
    [['data.csv', '--options', '{bad'], '--options: not valid JSON'],
    [['data.csv', '--options', '{"skipRows":-1}'], /^--options: skipRows: Too small/],
    [['data.csv', '--as', 'a@example.com'], '--as only applies with --project'],
    [[], 'missing FILE'],
    [['a.csv', 'b.csv'], 'expected one FILE, got 2: a.csv b.csv'],
    [['data.csv', '--project'], "Option '--project <value>' argument missing"],
  ])('%j is a usage error: %s', async (argv, message) => {
    const { error } = await run(argv);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(message);
    expect(exitCodeOf(error)).toBe(2);
    expect(describeFailure(error)).toMatch(/^uam: .*\nRun "uam ingest --help" for usage\.$/);
  });
});

describe('uam ingest: parse-option flags', () => {
  it('map to ParseOptions and win over the same keys in --options', () => {
    const args = parseIngestArgs([
      'data.csv',
      '--options',
      '{"sheet":"Data","header":true,"sampleRows":5000,"skipBadLines":false}',
      '--sheet',
      '2',
      '--delimiter',
      'tab',
      '--encoding',
      'windows-1252',
      '--no-header',
      '--skip-rows',
      '3',
      '--skip-bad-lines',
      '--decimal-comma',
      '--date-order',
      'dmy',
      '--format',
      'csv',
      '--null-value',
      '-',
      '--null-value',
      'n/a',
    ]);
    expect(args.options).toEqual({
      sheet: 2,
      header: false,
      sampleRows: 5000,
      skipBadLines: true,
      delimiter: '\t',
      encoding: 'windows-1252',
      skipRows: 3,
      decimalComma: true,
      dateOrder: 'dmy',
      format: 'csv',
      nullValues: ['-', 'n/a'],
    });
    // A sheet is a name unless it is all digits; `\t` typed literally is a tab too.
    expect(parseIngestArgs(['x.xlsx', '--sheet', 'Q3 2024']).options).toEqual({ sheet: 'Q3 2024' });
    expect(parseIngestArgs(['x.csv', '--delimiter', '\\t']).options).toEqual({ delimiter: '\t' });
    // Flags not typed leave --options alone.
    expect(parseIngestArgs(['x.csv', '--options', '{"skipBadLines":true}']).options).toEqual({
      skipBadLines: true,
    });
  });

  it('reach the engine: --skip-rows, --delimiter, --no-header change the schema', async () => {
    const file = await writeFile('preamble.csv', 'Exported 2024-05-01\n1;2,5\n3;4,25\n');
    const { lines, error } = await run([
      file,
      '--skip-rows',
      '1',
      '--delimiter',
      ';',
      '--no-header',
      '--decimal-comma',
    ]);
    expect(error).toBeUndefined();
    expect(lines[0]).toBe('2 rows, 2 columns');
    expect(lines.find((l) => l.startsWith('column_1'))).toMatch(/^column_1\s+integer\s/);
    expect(lines.find((l) => l.startsWith('column_2'))).toMatch(/^column_2\s+(float|decimal)\s/);
  });
});

describe('uam ingest: failures', () => {
  it('a typed failure is `uam: CODE: message` and exit 1', async () => {
    const file = await writeFile('empty.csv', '');
    const { error } = await run([file]);
    expect(error).toBeInstanceOf(UamError);
    expect((error as UamError).code).toBe('DATASET_EMPTY');
    const r = await uam(['ingest', file]);
    expect(r).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `uam: DATASET_EMPTY: ${(error as UamError).message}\n`,
    });
    expect(describeFailure(new UamError('DATASET_EMPTY', 'The file has no data rows'))).toBe(
      'uam: DATASET_EMPTY: The file has no data rows',
    );
  });

  it('a missing file is NOT_FOUND, not an ENOENT stack trace', async () => {
    const { error } = await run(['/nonexistent/x.csv']);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'No such file: /nonexistent/x.csv' });
    const r = await uam(['ingest', '/nonexistent/x.csv']);
    expect(r).toMatchObject({ code: 1, stderr: 'uam: NOT_FOUND: No such file: /nonexistent/x.csv\n' });
  });

  it('with --json the error is JSON on stdout, for bad files and bad flags alike', async () => {
    const file = await writeFile('header-only.csv', 'a,b\n');
    const bad = await run([file, '--json']);
    expect((bad.error as UamError).code).toBe('DATASET_HEADER_ONLY');
    expect(JSON.parse(bad.lines.join('\n'))).toEqual({
      error: { code: 'DATASET_HEADER_ONLY', message: expect.any(String), details: expect.any(Object) },
    });
    const usage = await run(['--json', '--bogus', file]);
    expect(JSON.parse(usage.lines.join('\n'))).toEqual({
      error: { code: 'VALIDATION_ERROR', message: 'unknown option --bogus', details: { option: '--bogus' } },
    });
    const r = await uam(['ingest', file, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.code).toBe('DATASET_HEADER_ONLY');
  });
});
