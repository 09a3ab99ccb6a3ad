import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CleanService } from '../../services/profiles/clean.service.ts';
import type { DriftService } from '../../services/profiles/drift.service.ts';
import type { ProfileService } from '../../services/profiles/profile.service.ts';
import type { RecipeTemplateService } from '../../services/profiles/recipe-template.service.ts';
import { principalOf } from '../plugins/auth.ts';
import { idParams } from '../schemas.ts';
import { versionSchema } from './dataset.routes.ts';
import { jobSchema } from './job.routes.ts';

export interface ProfileRouteDeps {
  profiles: ProfileService;
  cleaning: CleanService;
  drift: DriftService;
  recipes: RecipeTemplateService;
}

const versionNumber = z.number().int().min(1).max(1_000_000_000);
const versionQuery = z.coerce.number().int().min(1).max(1_000_000_000).optional();
const columnName = z.string().min(1).max(1000);
/** A version number in a query, `2` or `v2`. */
const versionRef = z
  .string()
  .regex(/^v?[1-9][0-9]{0,8}$/i, 'must be a version number such as 2 or v2')
  .transform((s) => Number(s.replace(/^v/i, '')))
  .optional();
const errorShape = z
  .object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
  .nullable();

export const profileSchema = z.object({
  id: z.string(),
  datasetId: z.string(),
  versionId: z.string(),
  version: z.number(),
  target: z.string().nullable(),
  status: z.enum(['pending', 'ready', 'failed']),
  jobId: z.string().nullable(),
  qualityScore: z.number().nullable(),
  summary: z.record(z.string(), z.unknown()),
  resultBytes: z.number().nullable(),
  error: errorShape,
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});

const templateSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  description: z.string(),
  recipe: z.record(z.string(), z.unknown()),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const cleanAnswer = z.object({
  mode: z.enum(['auto', 'preview', 'apply']),
  /** auto, preview: the recipe (defaults filled in) and the source version number. */
  recipe: z.unknown().optional(),
  sourceVersion: z.number().optional(),
  /** preview: `{ columns, rows, diff }`. */
  preview: z.unknown().optional(),
  /** apply: the new (pending) version, its clean job, or the identical version already made. */
  version: versionSchema.optional(),
  job: jobSchema.nullable().optional(),
  duplicateOf: z.string().nullable().optional(),
});

/** Profiles, cleaning (preview, apply, auto), drift and recipe templates. */
export function profileRoutes(d: ProfileRouteDeps) {
  return async (base: FastifyInstance) => {
    const app = base.withTypeProvider<ZodTypeProvider>();
    const tags = ['profiles'];

    app.get(
      '/datasets/:id/profile',
      {
        schema: {
          tags,
          summary: 'The profile of a version (default: current): status, and the profile JSON once ready',
          description:
            '404 PROFILE_NOT_FOUND until a profile was started; then 200 with `status` pending, ready or failed. ' +
            'Without `target`, the most recently started profile of the version. `charts=false` leaves out the ' +
            'Vega-Lite specs (the largest part); `charts=scatter,heatmap` keeps only those kinds.',
          params: idParams,
          querystring: z.object({
            version: versionQuery,
            target: columnName.optional(),
            charts: z
              .string()
              .regex(/^(true|false|[a-z]+(,[a-z]+)*)$/, 'true, false, or chart kinds such as scatter,heatmap')
              .default('true')
              .transform((v) => (v === 'true' ? true : v === 'false' ? false : v.split(','))),
          }),
          response: { 200: z.object({ profile: profileSchema, result: z.unknown() }) },
        },
      },
      async (req) => d.profiles.get(principalOf(req), req.params.id, req.query),
    );

    app.post(
      '/datasets/:id/profile',
      {
        config: { audit: 'dataset.profile' },
        schema: {
          tags,
          summary: 'Profile a version again, optionally with a target column (202 with the job)',
          params: idParams,
          // No body at all arrives as null: profile the current version without a target.
          body: z
            .strictObject({ version: versionNumber.optional(), target: columnName.optional() })
            .nullish(),
          response: { 202: z.object({ profile: profileSchema, job: jobSchema.nullable() }) },
        },
      },
      async (req, reply) => {
        const r = await d.profiles.request(principalOf(req), req.params.id, req.body ?? {});
        req.auditDetails = { profileId: r.profile.id, version: r.profile.version };
        return reply.status(202).send(r);
      },
    );

    app.post(
      '/datasets/:id/clean',
      {
        config: { audit: 'dataset.clean' },
        schema: {
          tags,
          summary: 'Clean a version with a recipe: auto-propose, preview, or apply as a new version',
          description:
            '`auto: true` proposes a recipe from the profile alerts (nothing applied). `preview: true` answers ' +
            'the first 100 rows and a before/after diff without writing. Otherwise 202 with a `dataset.clean` job ' +
            'that writes a new version (lineage: parent + recipe). `recipeId` applies a saved template.',
          params: idParams,
          body: z
            .strictObject({
              recipe: z.unknown().optional(),
              recipeId: z.uuid().optional(),
              version: versionNumber.optional(),
              preview: z.boolean().optional(),
              auto: z.boolean().optional(),
            })
            .refine((b) => !(b.auto && b.preview), 'auto and preview exclude each other'),
          response: { 200: cleanAnswer, 202: cleanAnswer },
        },
      },
      async (req, reply) => {
        const r = await d.cleaning.clean(principalOf(req), req.params.id, req.body);
        if (r.kind === 'proposal')
          return { mode: 'auto' as const, recipe: r.recipe, sourceVersion: r.version };
        if (r.kind === 'preview') {
          return { mode: 'preview' as const, recipe: r.recipe, sourceVersion: r.version, preview: r.preview };
        }
        req.auditDetails = { versionId: r.version.id, duplicate: Boolean(r.duplicateOf) };
        return reply.status(r.job ? 202 : 200).send({ mode: 'apply', ...r });
      },
    );

    app.get(
      '/datasets/:id/drift',
      {
        schema: {
          tags,
          summary: 'Drift between two versions (default: the current one against the previous ready one)',
          params: idParams,
          querystring: z.object({ from: versionRef, to: versionRef }),
          response: {
            200: z.object({ from: z.number(), to: z.number(), cached: z.boolean(), report: z.unknown() }),
          },
        },
      },
      async (req) => d.drift.drift(principalOf(req), req.params.id, req.query),
    );

    app.post(
      '/projects/:id/recipes',
      {
        config: { audit: 'recipe.create' },
        schema: {
          tags,
          summary: 'Save a cleaning recipe as a template of the project',
          params: idParams,
          body: z.strictObject({
            name: z.string().trim().min(1).max(120),
            description: z.string().trim().max(2000).optional(),
            recipe: z.unknown(),
          }),
          response: { 201: z.object({ recipe: templateSchema }) },
        },
      },
      async (req, reply) => {
        const recipe = await d.recipes.create(principalOf(req), req.params.id, req.body);
        req.auditTarget = { type: 'recipe', id: recipe.id };
        return reply.status(201).send({ recipe });
      },
    );

    app.get(
      '/projects/:id/recipes',
      {
        schema: {
          tags,
          summary: 'Recipe templates of a project, newest first',
          params: idParams,
          response: { 200: z.object({ items: z.array(templateSchema) }) },
        },
      },
      async (req) => ({ items: await d.recipes.list(principalOf(req), req.params.id) }),
    );

    app.get(
      '/recipes/:id',
      { schema: { tags, params: idParams, response: { 200: z.object({ recipe: templateSchema }) } } },
      async (req) => ({ recipe: await d.recipes.get(principalOf(req), req.params.id) }),
    );

    app.delete(
      '/recipes/:id',
      { config: { audit: 'recipe.delete' }, schema: { tags, params: idParams } },
      async (req, reply) => {
        await d.recipes.delete(principalOf(req), req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
