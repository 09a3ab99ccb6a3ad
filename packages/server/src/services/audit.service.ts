import type { AuditRow } from '../adapters/db/schema.ts';
import type { Logger } from '../logger.ts';
import type { AuditEntry, AuditFilter, AuditRepository } from '../repositories/audit.repository.ts';
import { type Principal, requirePlatformRole } from './principal.ts';

export interface AuditView {
  id: string;
  at: string;
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

export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly logger: Logger,
  ) {}

  /** Never fails the request it records: a lost audit line is logged loudly instead. */
  async record(entry: AuditEntry): Promise<void> {
    try {
      await this.repo.insert(entry);
    } catch (err) {
      this.logger.error({ err, action: entry.action }, 'audit write failed');
    }
  }

  async list(
    p: Principal,
    f: Omit<AuditFilter, 'orgId'>,
  ): Promise<{ items: AuditView[]; nextCursor: string | null }> {
    requirePlatformRole(p, 'admin');
    const rows = await this.repo.list({ ...f, orgId: p.orgId, limit: f.limit + 1 });
    const items = rows.slice(0, f.limit).map(toAuditView);
    return { items, nextCursor: rows.length > f.limit ? (items.at(-1)?.id ?? null) : null };
  }
}

function toAuditView(r: AuditRow): AuditView {
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    actorId: r.actor_id,
    actorEmail: r.actor_email,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    ip: r.ip,
    outcome: r.outcome,
    statusCode: r.status_code,
    requestId: r.request_id,
    details: r.details as Record<string, unknown>,
  };
}
