import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UamError } from '../../errors/index.ts';
import type { ArtifactService } from '../../services/artifact.service.ts';
import type { ParseOptions } from '../../services/datasets/data-engine.ts';
import type { DatasetService } from '../../services/datasets/dataset.service.ts';
import { EXPORT_FORMATS, STORAGE_TYPES } from '../../services/datasets/dataset-keys.ts';
import { type DatasetQueryService, parseSort } from '../../services/datasets/dataset-query.service.ts';
import type { DatasetUploadService, UploadTarget } from '../../services/datasets/dataset-upload.service.ts';
import { parseOptionsField } from '../../services/datasets/parse-options.ts';
import type { SearchService } from '../../services/search.service.ts';
import { receiveUpload, stopReadingAfterAnswer } from '../multipart-upload.ts';
import { principalOf } from '../plugins/auth.ts';
import { idParams } from '../schemas.ts';
import { jobSchema } from './job.routes.ts';

export interface DatasetRouteDeps {
  datasets: DatasetService;
  uploads: DatasetUploadService;
  queries: DatasetQueryService;
  search: SearchService;
  artifacts: ArtifactService;
  maxUploadBytes: number;
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((s) => !/\p{Cc}/u.test(s.replace(/[\n\r\t]/g, '')), 'must not contain control characters');
const datasetName = text(120).pipe(z.string().min(1));
const description = text(5000);
const tag = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[^\p{Cc},]+$/u, 'no commas or control characters');
const tagList = z.array(tag).max(50);

const errorShape = z
  .object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
  .nullable();
export const datasetSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  currentVersionId: z.string().nullable(),
  versionCount: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  purgeAfter: z.string().nullable(),
});
export const versionSchema = z.object({
  id: z.string(),
  datasetId: z.string(),
  number: z.number(),
  status: z.enum(['pending', 'ready', 'failed']),
  sourceFileName: z.string().nullable(),
  rawBytes: z.number().nullable(),
  contentHash: z.string().nullable(),
  parquetBytes: z.number().nullable(),
  rowCount: z.number().nullable(),
  columnCount: z.number().nullable(),
  schema: z.array(z.unknown()).nullable(),
  stats: z.record(z.string(), z.unknown()).nullable(),
  warnings: z.array(z.unknown()),
  lineage: z.object({
    kind: z.enum(['upload', 'schema_change', 'clean']),
    parentVersionId: z.string().optional(),
    recipe: z.unknown().optional(),
    overrides: z.array(z.object({ name: z.string(), storageType: z.string() })).optional(),
  }),
  parseOptions: z.record(z.string(), z.unknown()),
  jobId: z.string().nullable(),
  error: errorShape,
  duplicateOf: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
const uploadAnswer = z.object({
  dataset: datasetSchema,
  version: versionSchema,
  job: jobSchema.nullable(),
  duplicateOf: z.object({ datasetId: z.string(), versionId: z.string(), number: z.number() }).nullable(),
});
const versionQuery = z.coerce.number().int().min(1).max(1_000_000_000).optional();
const tagsField = z
  .string()
  .max(5000)
  .transform((s, ctx) => {
    const list = s.trim().startsWith('[') ? safeJson(s) : s.split(',');
    const parsed = tagList.safeParse(Array.isArray(list) ? list : null);
    if (!parsed.success) {
      ctx.addIssue({
        code: 'custom',
        message: 'tags must be a JSON array or a comma-separated list of tags',
      });
      return z.NEVER;
    }
    return parsed.data;
  });

/** Datasets, their versions, rows and downloads; project artifacts; cross-project search. */
export function datasetRoutes(d: DatasetRouteDeps) {
  return async (base: FastifyInstance) => {
    // Multipart only here: every other route keeps refusing multipart bodies.
    await base.register(multipart, { limits: { fileSize: d.maxUploadBytes + 1, files: 1 } });
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['datasets'];

    const upload = async (req: FastifyRequest, reply: FastifyReply, target: UploadTarget) => {
      const p = principalOf(req);
      try {
        const { staged, fields } = await receiveUpload(req, d.maxUploadBytes, {
          stage: (file, fileName, before, requestBytes) =>
            d.uploads.stage(p, target, file, fileName, optionsSentBefore(before), requestBytes),
          discard: (s) => d.uploads.discard(s),
        });
        let outcome: Awaited<ReturnType<DatasetUploadService['commit']>>;
        try {
          outcome = await d.uploads.commit(p, staged, uploadFields(fields));
        } catch (e) {
          await d.uploads.discard(staged);
          throw e;
        }
        req.auditTarget = { type: 'dataset', id: outcome.dataset.id };
        req.auditDetails = { versionId: outcome.version.id, duplicate: Boolean(outcome.duplicateOf) };
        return reply.status(outcome.duplicateOf ? 200 : 202).send(outcome);
      } catch (e) {
        stopReadingAfterAnswer(req, reply);
        throw e;
      }
    };

    const uploadSchema = (summary: string) => ({
      tags,
      summary,
      description:
        'multipart/form-data: `file` (required), `name`, `description`, `tags`, `options` (JSON ParseOptions). ' +
        '202 with the ingest job; 200 with `duplicateOf` when the same bytes and options already made a version.',
      params: idParams,
      response: { 200: uploadAnswer, 202: uploadAnswer },
    });

    app.post(
      '/projects/:id/datasets',
      { config: { audit: 'dataset.upload' }, schema: uploadSchema('Upload a file as a new dataset') },
      async (req, reply) => upload(req, reply, { projectId: req.params.id }),
    );

    app.post(
      '/datasets/:id/versions',
      {
        config: { audit: 'dataset.version.upload' },
        schema: uploadSchema('Upload a new version of a dataset'),
      },
      async (req, reply) => upload(req, reply, { datasetId: req.params.id }),
    );

    app.get(
      '/projects/:id/datasets',
      {
        schema: {
          tags,
          summary: 'Datasets of a project (q: full-text, ranked)',
          params: idParams,
          querystring: z.object({
            q: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(500).optional(),
            includeDeleted: z
              .enum(['true', 'false'])
              .default('false')
              .transform((v) => v === 'true'),
          }),
          response: { 200: z.object({ items: z.array(datasetSchema), nextCursor: z.string().nullable() }) },
        },
      },
      async (req) => d.datasets.list(principalOf(req), req.params.id, req.query),
    );

    app.get(
      '/projects/:id/artifacts',
      {
        schema: {
          tags,
          summary: 'Every artifact of a project (datasets, versions; later profiles, models, reports)',
          params: idParams,
          querystring: z.object({ type: z.string().max(50).optional() }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  type: z.string(),
                  id: z.string(),
                  parentId: z.string().nullable(),
                  name: z.string(),
                  status: z.string().nullable(),
                  createdAt: z.string(),
                  updatedAt: z.string(),
                  details: z.record(z.string(), z.unknown()),
                }),
              ),
            }),
          },
        },
      },
      async (req) => ({ items: await d.artifacts.list(principalOf(req), req.params.id, req.query.type) }),
    );

    app.get(
      '/datasets/:id',
      {
        schema: {
          tags,
          params: idParams,
          response: { 200: z.object({ dataset: datasetSchema, currentVersion: versionSchema.nullable() }) },
        },
      },
      async (req) => d.datasets.get(principalOf(req), req.params.id),
    );

    app.patch(
      '/datasets/:id',
      {
        config: { audit: 'dataset.update' },
        schema: {
          tags,
          params: idParams,
          body: z
            .strictObject({
              name: datasetName.optional(),
              description: description.optional(),
              tags: tagList.optional(),
            })
            .refine((b) => Object.keys(b).length > 0, 'nothing to update'),
          response: { 200: z.object({ dataset: datasetSchema }) },
        },
      },
      async (req) => ({ dataset: await d.datasets.update(principalOf(req), req.params.id, req.body) }),
    );

    app.delete(
      '/datasets/:id',
      {
        config: { audit: 'dataset.delete' },
        schema: {
          tags,
          summary: 'Soft delete: restorable until purgeAfter',
          params: idParams,
          response: { 200: z.object({ dataset: datasetSchema }) },
        },
      },
      async (req) => ({ dataset: await d.datasets.delete(principalOf(req), req.params.id) }),
    );

    app.post(
      '/datasets/:id/restore',
      {
        config: { audit: 'dataset.restore' },
        schema: { tags, params: idParams, response: { 200: z.object({ dataset: datasetSchema }) } },
      },
      async (req) => ({ dataset: await d.datasets.restore(principalOf(req), req.params.id) }),
    );

    app.get(
      '/datasets/:id/versions',
      {
        schema: {
          tags,
          summary: 'Versions, newest first (without per-column schema)',
          params: idParams,
          response: { 200: z.object({ items: z.array(versionSchema) }) },
        },
      },
      async (req) => ({ items: await d.datasets.versions(principalOf(req), req.params.id) }),
    );

    app.get(
      '/datasets/:id/versions/:number',
      {
        schema: {
          tags,
          summary: 'One version with its schema and stats',
          params: z.object({ id: z.uuid(), number: z.coerce.number().int().min(1).max(1_000_000_000) }),
          response: { 200: z.object({ version: versionSchema }) },
        },
      },
      async (req) => ({
        version: await d.datasets.version(principalOf(req), req.params.id, req.params.number),
      }),
    );

    app.patch(
      '/datasets/:id/schema',
      {
        config: { audit: 'dataset.schema.change' },
        schema: {
          tags,
          summary: 'Change column storage types: a new version, built by a cast job',
          params: idParams,
          body: z.strictObject({
            version: z.number().int().min(1).optional(),
            columns: z
              .array(
                z.strictObject({ name: z.string().min(1).max(1000), storageType: z.enum(STORAGE_TYPES) }),
              )
              .min(1)
              .max(10_000),
          }),
          response: {
            200: z.object({
              version: versionSchema,
              job: jobSchema.nullable(),
              duplicateOf: z.string().nullable(),
            }),
            202: z.object({
              version: versionSchema,
              job: jobSchema.nullable(),
              duplicateOf: z.string().nullable(),
            }),
          },
        },
      },
      async (req, reply) => {
        const r = await d.uploads.overrideSchema(principalOf(req), req.params.id, req.body);
        req.auditDetails = { versionId: r.version.id };
        return reply.status(r.job ? 202 : 200).send(r);
      },
    );

    app.get(
      '/datasets/:id/rows',
      {
        schema: {
          tags,
          summary: 'A page of rows of a version (sort, filter)',
          description:
            '`sort=col:desc,col2` (ascending by default); `filter` is the filter language, e.g. ' +
            '`age > 30 and country in ("FR","DE")`. Syntax errors answer 400 FILTER_SYNTAX with the position.',
          params: idParams,
          querystring: z.object({
            version: versionQuery,
            offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            sort: z.string().max(2000).optional(),
            filter: z.string().max(4000).optional(),
          }),
          response: {
            200: z.object({
              columns: z.array(z.object({ name: z.string(), type: z.string() })),
              rows: z.array(z.array(z.unknown())),
              total: z.number(),
              offset: z.number(),
              limit: z.number(),
              version: z.number(),
            }),
          },
        },
      },
      async (req) => {
        const { version, offset, limit, sort, filter } = req.query;
        const q = { version, offset, limit, sort: parseSort(sort), filter: filter?.trim() || undefined };
        const page = await d.queries.rows(principalOf(req), req.params.id, q);
        return page;
      },
    );

    app.get(
      '/datasets/:id/download',
      {
        schema: {
          tags,
          summary: 'A short-lived signed link to the version as csv, parquet, json or xlsx',
          params: idParams,
          querystring: z.object({ version: versionQuery, format: z.enum(EXPORT_FORMATS).default('csv') }),
          response: {
            200: z.object({
              url: z.string(),
              expiresAt: z.string(),
              fileName: z.string(),
              format: z.enum(EXPORT_FORMATS),
              version: z.number(),
            }),
          },
        },
      },
      async (req) => d.queries.download(principalOf(req), req.params.id, req.query),
    );

    app.get(
      '/search',
      {
        schema: {
          tags: ['search'],
          summary: 'Ranked full-text search over everything you may see',
          querystring: z.object({
            q: z.string().min(1).max(500),
            limit: z.coerce.number().int().min(1).max(100).default(20),
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  type: z.string(),
                  id: z.string(),
                  projectId: z.string(),
                  projectName: z.string(),
                  title: z.string(),
                  summary: z.string(),
                  rank: z.number(),
                  updatedAt: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (req) => ({ items: await d.search.query(principalOf(req), req.query.q, req.query.limit) }),
    );
  };
}

const uploadFieldsSchema = z.object({
  name: datasetName.optional(),
  description: description.optional(),
  tags: tagsField.optional(),
});

/** Parse options sent before the file, if valid (the final fields are validated at commit). */
function optionsSentBefore(fields: Record<string, string>): ParseOptions | undefined {
  try {
    return parseOptionsField(fields.options);
  } catch {
    return undefined;
  }
}

/** The text fields of an upload form, validated like a JSON body would be. */
function uploadFields(fields: Record<string, string>) {
  const known = new Set(['name', 'description', 'tags', 'options']);
  const unknown = Object.keys(fields).filter((f) => !known.has(f));
  if (unknown.length > 0) {
    throw new UamError('VALIDATION_ERROR', `Unknown form field "${unknown[0]}"`, {
      issues: unknown.map((f) => ({ path: f, message: 'unknown field' })),
    });
  }
  const parsed = uploadFieldsSchema.safeParse({
    name: fields.name || undefined,
    description: fields.description,
    tags: fields.tags,
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new UamError('VALIDATION_ERROR', `Invalid request: ${issues[0]!.path}: ${issues[0]!.message}`, {
      issues,
    });
  }
  return { ...parsed.data, tags: parsed.data.tags, options: parseOptionsField(fields.options) };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
