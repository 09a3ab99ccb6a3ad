import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig } from '../config/config.ts';
import { UamError } from '../errors/index.ts';
import { createLogger } from '../logger.ts';
import { createPlatform } from '../platform.ts';
import { ProjectRepository } from '../repositories/project.repository.ts';
import { type UserRecord, UserRepository } from '../repositories/user.repository.ts';
import {
  type ColumnSchema,
  type IngestWarning,
  ingestFile,
  openEngine,
} from '../services/datasets/data-engine.ts';
import { toDatasetError } from '../services/datasets/dataset-errors.ts';
import { sanitizeFileName } from '../services/datasets/file-name.ts';
import { parseOptionsField } from '../services/datasets/parse-options.ts';
import type { Principal } from '../services/principal.ts';

const USAGE = `Usage: uam ingest FILE [--project PROJECT_ID [--as EMAIL]] [--options JSON] [--json]

Without --project, read FILE with the data engine on this machine and print the inferred schema.
With --project, upload it to that project of the embedded platform (UAM_DATA_DIR) as a new
dataset, acting as --as (default: the project's creator), wait for the ingest and print it.`;

export interface SchemaReport {
  rowCount: number;
  columns: ColumnSchema[];
  warnings: Array<Pick<IngestWarning, 'code' | 'message'>>;
}

/** `uam ingest`: prints a schema table (or JSON with --json); exit code 1 on a typed failure. */
export async function ingestCommand(
  argv: string[],
  out: (line: string) => void = console.log,
): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      project: { type: 'string' },
      as: { type: 'string' },
      options: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UamError('VALIDATION_ERROR', USAGE);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new UamError('VALIDATION_ERROR', `No such file: ${file}`);
  const options = parseOptionsField(values.options);
  const report = values.project
    ? await uploadToProject(file, values.project, values.as, options)
    : await ingestLocally(file, options);
  if (values.json) out(JSON.stringify(report, null, 2));
  else for (const line of formatReport(report)) out(line);
}

async function ingestLocally(
  file: string,
  options: ReturnType<typeof parseOptionsField>,
): Promise<SchemaReport> {
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
  options: ReturnType<typeof parseOptionsField>,
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
    `${r.rowCount} rows, ${r.columns.length} columns`,
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
