import crypto from 'node:crypto';
import { UamError } from '../../errors/index.ts';
import { PROFILE_JOB_TYPES } from '../../jobs/profile.jobs.ts';
import type {
  DatasetRepository,
  DatasetRow,
  DatasetVersionRow,
} from '../../repositories/dataset.repository.ts';
import type { ProfileRepository } from '../../repositories/profile.repository.ts';
import type { ColumnSchema } from '../datasets/data-engine.ts';
import type { DatasetAccess } from '../datasets/dataset-access.ts';
import { parquetKey, versionCacheName } from '../datasets/dataset-keys.ts';
import type { DatasetQueryService } from '../datasets/dataset-query.service.ts';
import { type DatasetVersionView, toVersionView } from '../datasets/dataset-view.ts';
import type { LocalFiles } from '../datasets/local-files.ts';
import type { JobService, JobView } from '../job.service.ts';
import type { Principal } from '../principal.ts';
import type { Recipe, RecipePreview } from './eda-engine.ts';
import { toEdaError } from './eda-errors.ts';
import { loadEda } from './load-eda.ts';
import type { ProfileService } from './profile.service.ts';
import { PREVIEW_ROWS } from './profile-keys.ts';

export interface CleanServiceDeps {
  datasets: DatasetRepository;
  profiles: ProfileRepository;
  profileService: ProfileService;
  access: DatasetAccess;
  jobs: JobService;
  queries: DatasetQueryService;
  files: LocalFiles;
}

export interface CleanRequest {
  /** A recipe, or the id of a saved template (`recipeId`); not both. */
  recipe?: unknown;
  recipeId?: string;
  version?: number;
  preview?: boolean;
  auto?: boolean;
}

export type CleanAnswer =
  | { kind: 'proposal'; recipe: Recipe; version: number }
  | { kind: 'preview'; preview: RecipePreview; recipe: Recipe; version: number }
  | { kind: 'apply'; version: DatasetVersionView; job: JobView | null; duplicateOf: string | null };

/**
 * `POST /datasets/:id/clean`: propose a recipe from the profile's alerts (`auto`), preview a
 * recipe on the API's DuckDB (first rows + before/after diff, nothing written, bounded in
 * time), or apply it: a `dataset.clean` job writes a new version whose lineage records the
 * parent and the recipe. The recipe is validated against the source schema before any job.
 */
export class CleanService {
  constructor(private readonly d: CleanServiceDeps) {}

  async clean(p: Principal, datasetId: string, req: CleanRequest): Promise<CleanAnswer> {
    const dataset = await this.d.access.dataset(p, datasetId, 'write');
    const source = await this.d.access.readyVersion(dataset, req.version);
    if (req.auto) {
      const profile = await this.d.profileService.readyProfile(dataset, source);
      const { proposeRecipe } = await loadEda();
      return { kind: 'proposal', recipe: proposeRecipe(profile), version: source.number };
    }
    const recipe = await this.checkedRecipe(dataset, source, req);
    if (req.preview) {
      return { kind: 'preview', preview: await this.preview(source, recipe), recipe, version: source.number };
    }
    return { kind: 'apply', ...(await this.apply(p, dataset, source, recipe)) };
  }

  /** The request's recipe (or template's), valid for the source version's columns. */
  private async checkedRecipe(
    dataset: DatasetRow,
    source: DatasetVersionRow,
    req: CleanRequest,
  ): Promise<Recipe> {
    if ((req.recipe === undefined) === (req.recipeId === undefined)) {
      throw new UamError('VALIDATION_ERROR', 'Give either a recipe or a recipeId', {
        issues: [{ path: 'recipe', message: 'exactly one of recipe, recipeId' }],
      });
    }
    let raw = req.recipe;
    if (req.recipeId !== undefined) {
      const template = await this.d.profiles.findTemplate(req.recipeId);
      if (!template || template.project_id !== dataset.project_id) {
        throw new UamError('RECIPE_NOT_FOUND', undefined, { recipeId: req.recipeId });
      }
      raw = template.recipe;
    }
    const { compileRecipe } = await loadEda();
    try {
      const columns = schemaOf(source).map((c) => ({ name: c.name, storageType: c.storageType }));
      return compileRecipe(raw as Recipe, columns).recipe;
    } catch (e) {
      throw toEdaError(e);
    }
  }

  private async preview(source: DatasetVersionRow, recipe: Recipe): Promise<RecipePreview> {
    const input = await this.d.files.localPath(source.parquet_key!, versionCacheName(source.id));
    const { previewRecipe } = await loadEda();
    return this.d.queries.run(async (engine, signal) => {
      try {
        return await previewRecipe(engine, {
          input,
          recipe,
          columns: schemaOf(source),
          limit: PREVIEW_ROWS,
          signal,
        });
      } catch (e) {
        if (signal.aborted) throw e;
        throw toEdaError(e);
      }
    });
  }

  private async apply(
    p: Principal,
    dataset: DatasetRow,
    source: DatasetVersionRow,
    recipe: Recipe,
  ): Promise<{ version: DatasetVersionView; job: JobView | null; duplicateOf: string | null }> {
    const dedupeKey = sha256(`clean:${source.id}\n${JSON.stringify(recipe)}`);
    const versionId = crypto.randomUUID();
    const jobId = crypto.randomUUID();
    const outcome = await this.d.datasets.createVersion({
      version: {
        id: versionId,
        datasetId: dataset.id,
        sourceFileName: source.source_file_name,
        rawKey: null,
        rawBytes: null,
        contentHash: null,
        dedupeKey,
        parquetKey: parquetKey(dataset.project_id, dataset.id, versionId),
        lineage: { kind: 'clean', parentVersionId: source.id, recipe },
        parseOptions: source.parse_options,
        jobId,
        duplicateOf: null,
        createdBy: p.userId,
      },
    });
    if (outcome.kind === 'duplicate') {
      return { version: toVersionView(outcome.version), job: null, duplicateOf: outcome.version.id };
    }
    const job = await this.d.jobs.create({
      id: jobId,
      type: PROFILE_JOB_TYPES.clean,
      payload: {
        versionId,
        source: { versionId: source.id, parquetKey: source.parquet_key!, schema: source.schema ?? [] },
        parquetKey: outcome.version.parquet_key!,
        recipe,
      },
      orgId: p.orgId,
      projectId: dataset.project_id,
      createdBy: p.userId,
    });
    return { version: toVersionView(outcome.version), job, duplicateOf: null };
  }
}

function schemaOf(v: DatasetVersionRow): ColumnSchema[] {
  return (v.schema ?? []) as ColumnSchema[];
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}
