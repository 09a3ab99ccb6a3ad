import { sql } from 'kysely';
import type { Db } from '../adapters/db/database.ts';

/** What an artifact offers to full-text search, by weight: A ranks above B above C. */
export interface SearchDocumentInput {
  entityType: string;
  entityId: string;
  projectId: string;
  title: string;
  summary: string;
  weighted: { a: string[]; b: string[]; c: string[] };
  hidden: boolean;
}

export interface SearchHit {
  entityType: string;
  entityId: string;
  projectId: string;
  projectName: string;
  title: string;
  summary: string;
  rank: number;
  updatedAt: Date;
}

export interface SearchScope {
  orgId: string;
  userId: string;
  /** Org admins search every project of their organization. */
  all: boolean;
  /** Only this project (its access already checked). */
  projectId?: string;
  /** Include hidden (soft-deleted) artifacts. */
  includeHidden?: boolean;
}

/** Keeps a tsvector argument small: very wide tables still index their first columns. */
const MAX_PART_CHARS = 200_000;

/**
 * `search_documents`: one row per searchable artifact with a weighted tsvector, queried with
 * PostgreSQL full-text search ('simple' configuration: no stemming, so column names and codes
 * match as typed, in any language). Works identically on PGlite and PostgreSQL.
 */
export class SearchRepository {
  constructor(private readonly db: Db) {}

  async upsert(d: SearchDocumentInput): Promise<void> {
    const part = (words: string[], weight: string) =>
      sql`setweight(to_tsvector('simple', ${words.join(' ').slice(0, MAX_PART_CHARS)}), ${sql.lit(weight)})`;
    const document = sql`${part(d.weighted.a, 'A')} || ${part(d.weighted.b, 'B')} || ${part(d.weighted.c, 'C')}`;
    await sql`
      insert into search_documents (entity_type, entity_id, project_id, title, summary, document, hidden, updated_at)
      values (${d.entityType}, ${d.entityId}, ${d.projectId}, ${d.title}, ${d.summary}, ${document}, ${d.hidden}, ${new Date()})
      on conflict (entity_type, entity_id) do update set
        title = excluded.title, summary = excluded.summary, document = excluded.document,
        hidden = excluded.hidden, updated_at = excluded.updated_at`.execute(this.db);
  }

  async setHidden(entityType: string, entityId: string, hidden: boolean): Promise<void> {
    await this.db
      .updateTable('search_documents')
      .set({ hidden })
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .execute();
  }

  async delete(entityType: string, entityId: string): Promise<void> {
    await this.db
      .deleteFrom('search_documents')
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .execute();
  }

  /**
   * Ranked hits for `tsquery` (already built from sanitised words, see `toPrefixQuery`) in the
   * projects `scope` may read; hidden documents (soft-deleted artifacts) match only on request.
   */
  async search(
    scope: SearchScope,
    tsquery: string,
    limit: number,
    entityType?: string,
  ): Promise<SearchHit[]> {
    const q = sql`to_tsquery('simple', ${tsquery})`;
    let query = this.db
      .selectFrom('search_documents as s')
      .innerJoin('projects as p', 'p.id', 's.project_id')
      .select([
        's.entity_type as entityType',
        's.entity_id as entityId',
        's.project_id as projectId',
        'p.name as projectName',
        's.title',
        's.summary',
        's.updated_at as updatedAt',
        sql<number>`ts_rank(s.document, ${q})`.as('rank'),
      ])
      .where('p.org_id', '=', scope.orgId)
      .where(sql<boolean>`s.document @@ ${q}`);
    if (!scope.includeHidden) query = query.where('s.hidden', '=', false);
    if (scope.projectId) query = query.where('s.project_id', '=', scope.projectId);
    if (entityType) query = query.where('s.entity_type', '=', entityType);
    if (!scope.all) {
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('project_members as pm')
            .select('pm.user_id')
            .whereRef('pm.project_id', '=', 's.project_id')
            .where('pm.user_id', '=', scope.userId),
        ),
      );
    }
    const rows = await query.orderBy('rank', 'desc').orderBy('s.updated_at', 'desc').limit(limit).execute();
    return rows.map((r) => ({ ...r, rank: Number(r.rank) }));
  }
}

/**
 * A prefix tsquery from free text: every run of letters/digits becomes `word:*`, all ANDed.
 * Only letters and digits reach tsquery syntax, so no input can inject operators. Returns
 * undefined when the text has no word at all.
 *
 * @example
 * toPrefixQuery('customer_id sales'); // "customer:* & id:* & sales:*"
 */
export function toPrefixQuery(text: string): string | undefined {
  const words =
    text
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 16) ?? [];
  if (words.length === 0) return undefined;
  return words.map((w) => `${w.slice(0, 100)}:*`).join(' & ');
}
