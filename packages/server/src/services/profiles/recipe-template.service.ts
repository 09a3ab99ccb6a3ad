import crypto from 'node:crypto';
import { isUamError, UamError } from '../../errors/index.ts';
import type { ProfileRepository, RecipeTemplateRow } from '../../repositories/profile.repository.ts';
import type { Principal } from '../principal.ts';
import type { ProjectAccess, ProjectService } from '../project.service.ts';
import { toEdaError } from './eda-errors.ts';
import { loadEda } from './load-eda.ts';
import { type RecipeTemplateView, toTemplateView } from './profile-view.ts';

/**
 * Recipes saved in a project to re-apply to new versions (`POST /datasets/:id/clean` with
 * `recipeId`). A template is checked as a recipe when saved; its columns are checked against
 * a version only when applied.
 */
export class RecipeTemplateService {
  constructor(
    private readonly profiles: ProfileRepository,
    private readonly projects: ProjectService,
  ) {}

  async create(
    p: Principal,
    projectId: string,
    t: { name: string; description?: string; recipe: unknown },
  ): Promise<RecipeTemplateView> {
    await this.projects.authorize(p, projectId, 'write');
    const { validateRecipe } = await loadEda();
    let recipe: Record<string, unknown>;
    try {
      recipe = validateRecipe(t.recipe) as unknown as Record<string, unknown>;
    } catch (e) {
      throw toEdaError(e);
    }
    const row = await this.profiles.insertTemplate({
      id: crypto.randomUUID(),
      projectId,
      name: t.name,
      description: t.description ?? '',
      recipe,
      createdBy: p.userId,
    });
    return toTemplateView(row);
  }

  async list(p: Principal, projectId: string): Promise<RecipeTemplateView[]> {
    await this.projects.authorize(p, projectId, 'read');
    return (await this.profiles.listTemplates(projectId)).map(toTemplateView);
  }

  async get(p: Principal, id: string): Promise<RecipeTemplateView> {
    return toTemplateView(await this.template(p, id, 'read'));
  }

  async delete(p: Principal, id: string): Promise<void> {
    await this.template(p, id, 'write');
    await this.profiles.deleteTemplate(id);
  }

  /** A template of a project the caller may access; invisible ones are RECIPE_NOT_FOUND. */
  private async template(p: Principal, id: string, access: ProjectAccess): Promise<RecipeTemplateRow> {
    const row = await this.profiles.findTemplate(id);
    if (!row) throw new UamError('RECIPE_NOT_FOUND', undefined, { recipeId: id });
    try {
      await this.projects.authorize(p, row.project_id, access);
    } catch (e) {
      if (isUamError(e) && e.code === 'PROJECT_NOT_FOUND')
        throw new UamError('RECIPE_NOT_FOUND', undefined, { recipeId: id });
      throw e;
    }
    return row;
  }
}
