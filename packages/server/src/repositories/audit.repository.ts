import type { Db } from '../adapters/db/database.ts';
import type { AuditRow } from '../adapters/db/schema.ts';

export interface AuditEntry {
  orgId: string | null;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  outcome: 'success' | 'failure';
  statusCode: number | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  orgId: string;
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  outcome?: 'success' | 'failure';
  from?: Date;
  to?: Date;
  limit: number;
  /** Keyset cursor: entries with a smaller id. */
  beforeId?: string;
}

export class AuditRepository {
  constructor(private readonly db: Db) {}

  async insert(e: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        org_id: e.orgId,
        actor_id: e.actorId,
        actor_email: e.actorEmail,
        action: e.action,
        target_type: e.targetType,
        target_id: e.targetId,
        ip: e.ip,
        outcome: e.outcome,
        status_code: e.statusCode,
        request_id: e.requestId,
        details: JSON.stringify(e.details),
      })
      .execute();
  }

  async list(f: AuditFilter): Promise<AuditRow[]> {
    let q = this.db.selectFrom('audit_log').selectAll().where('org_id', '=', f.orgId);
    if (f.actorId) q = q.where('actor_id', '=', f.actorId);
    if (f.action) q = q.where('action', 'like', `${f.action.replace(/[%_\\]/g, '\\$&')}%`);
    if (f.targetType) q = q.where('target_type', '=', f.targetType);
    if (f.targetId) q = q.where('target_id', '=', f.targetId);
    if (f.outcome) q = q.where('outcome', '=', f.outcome);
    if (f.from) q = q.where('at', '>=', f.from);
    if (f.to) q = q.where('at', '<', f.to);
    if (f.beforeId) q = q.where('id', '<', f.beforeId);
    return q.orderBy('id', 'desc').limit(f.limit).execute();
  }
}
