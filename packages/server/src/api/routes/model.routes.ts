import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MAX_PREDICT_ROWS, type ModelService } from '../../services/models/model.service.ts';
import { ALGORITHMS } from '../../services/models/model-catalog.ts';
import { principalOf } from '../plugins/auth.ts';
import { idParams } from '../schemas.ts';
import { jobSchema } from './job.routes.ts';

const errorShape = z
  .object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
  .nullable();
const tasks = z.enum(['classification', 'regression', 'clustering', 'decomposition', 'anomaly']);

export const modelSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  datasetId: z.string(),
  datasetVersionId: z.string(),
  version: z.number(),
  name: z.string(),
  target: z.string().nullable(),
  task: z.string(),
  algorithm: z.string(),
  params: z.record(z.string(), z.unknown()),
  validation: z.record(z.string(), z.unknown()),
  status: z.enum(['training', 'ready', 'failed']),
  metrics: z.record(z.string(), z.unknown()).nullable(),
  report: z.record(z.string(), z.unknown()).nullable().optional(),
  features: z.array(z.unknown()),
  warnings: z.array(z.unknown()),
  artifactBytes: z.number().nullable(),
  jobId: z.string().nullable(),
  error: errorShape,
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});

/** Parameter values: numbers, strings, booleans, null, or a flat record of them (class weights). */
const scalar = z.union([z.number(), z.string().max(200), z.boolean(), z.null()]);
const params = z
  .record(z.string().max(100), z.union([scalar, z.record(z.string().max(200), z.number())]))
  .refine((p) => Object.keys(p).length <= 50, 'at most 50 parameters');

const trainBody = z.strictObject({
  projectId: z.uuid(),
  datasetId: z.uuid(),
  version: z.number().int().min(1).optional(),
  target: z.string().min(1).max(1000).nullable().optional(),
  task: tasks.optional(),
  algorithm: z.enum(ALGORITHMS),
  params: params.optional(),
  validation: z
    .union([
      z.strictObject({
        kind: z.literal('holdout'),
        testFraction: z.number().min(0.05).max(0.5).default(0.2),
      }),
      z.strictObject({ kind: z.literal('kfold'), folds: z.number().int().min(2).max(10).default(5) }),
    ])
    .optional(),
  name: z.string().trim().min(1).max(200).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});

const predictBody = z.strictObject({
  rows: z
    .array(z.record(z.string().max(1000), z.unknown()))
    .min(1)
    .max(MAX_PREDICT_ROWS),
});

const prediction = z.object({
  prediction: z.union([z.string(), z.number(), z.array(z.number()), z.null()]),
  probabilities: z.record(z.string(), z.number()).optional(),
  score: z.number().optional(),
});

/** Training, model registry and predictions. */
export function modelRoutes(d: { models: ModelService }) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['models'];

    app.post(
      '/models/train',
      {
        config: { audit: 'model.train' },
        schema: {
          tags,
          summary: 'Train a model on a dataset version (202 with the model and its model.train job)',
          body: trainBody,
          response: { 202: z.object({ model: modelSchema, job: jobSchema }) },
        },
      },
      async (req, reply) => {
        const r = await d.models.train(principalOf(req), req.body);
        req.auditTarget = { type: 'model', id: r.model.id };
        req.auditDetails = { algorithm: r.model.algorithm, datasetId: r.model.datasetId, jobId: r.job.id };
        return reply.status(202).send(r);
      },
    );

    app.get(
      '/projects/:id/models',
      {
        schema: {
          tags,
          summary: 'Models of a project, newest first',
          params: idParams,
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(200).default(50),
            cursor: z.string().max(500).optional(),
            datasetId: z.uuid().optional(),
          }),
          response: { 200: z.object({ items: z.array(modelSchema), nextCursor: z.string().nullable() }) },
        },
      },
      async (req) => d.models.list(principalOf(req), req.params.id, req.query),
    );

    app.get(
      '/models/:id',
      {
        schema: {
          tags,
          summary: 'A model with its metrics, curves, confusion matrix and feature importance',
          params: idParams,
          response: { 200: z.object({ model: modelSchema }) },
        },
      },
      async (req) => ({ model: await d.models.get(principalOf(req), req.params.id) }),
    );

    app.delete(
      '/models/:id',
      {
        config: { audit: 'model.delete' },
        schema: { tags, summary: 'Delete a model and its artifact', params: idParams },
      },
      async (req, reply) => {
        await d.models.delete(principalOf(req), req.params.id);
        return reply.status(204).send();
      },
    );

    app.post(
      '/models/:id/predict',
      {
        config: { audit: 'model.predict' },
        schema: {
          tags,
          summary: `Predict up to ${MAX_PREDICT_ROWS} rows; one prediction per row, in row order`,
          params: idParams,
          body: predictBody,
          response: {
            200: z.object({
              predictions: z.array(prediction),
              missingColumns: z.array(z.string()),
              ignoredColumns: z.array(z.string()),
            }),
          },
        },
      },
      async (req) => d.models.predict(principalOf(req), req.params.id, req.body.rows),
    );
  };
}
