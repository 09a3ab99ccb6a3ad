import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPgliteTestDb, type TestDatabase } from '../../../../../test/support/test-db.ts';
import { DatasetRepository } from '../../repositories/dataset.repository.ts';
import { OrganizationRepository } from '../../repositories/organization.repository.ts';
import { ProjectRepository } from '../../repositories/project.repository.ts';
import { UserRepository } from '../../repositories/user.repository.ts';
import type { Principal } from '../principal.ts';
import { DatasetAccess } from './dataset-access.ts';

describe('DatasetAccess', () => {
  let t: TestDatabase;
  let repo: DatasetRepository;
  const orgId = crypto.randomUUID();
  const otherOrg = crypto.randomUUID();
  const ids = { owner: crypto.randomUUID(), viewer: crypto.randomUUID(), outsider: crypto.randomUUID() };
  const admin = crypto.randomUUID();
  const stranger = crypto.randomUUID();
  const projectId = crypto.randomUUID();
  const datasetId = crypto.randomUUID();
  const versionId = crypto.randomUUID();
  const as = (userId: string, role: Principal['role'] = 'analyst', org = orgId): Principal => ({
    userId,
    email: `${userId}@x.test`,
    role,
    orgId: org,
    via: 'jwt',
  });

  beforeAll(async () => {
    t = await createPgliteTestDb();
    const db = t.handle.db;
    const orgs = new OrganizationRepository(db);
    await orgs.insert({ id: orgId, name: 'Org' });
    await orgs.insert({ id: otherOrg, name: 'Other' });
    const users = new UserRepository(db);
    const add = (id: string, org: string, role: Principal['role']) =>
      users.insert({ id, email: `${id}@x.test`, name: id, passwordHash: 'h', orgId: org, role });
    await add(ids.owner, orgId, 'analyst');
    await add(ids.viewer, orgId, 'analyst');
    await add(ids.outsider, orgId, 'analyst');
    await add(admin, orgId, 'admin');
    await add(stranger, otherOrg, 'admin');
    const projects = new ProjectRepository(db);
    await projects.insert({ id: projectId, orgId, name: 'P', description: '', createdBy: ids.owner });
    await projects.upsertMember(projectId, ids.viewer, 'viewer');
    repo = new DatasetRepository(db);
    await repo.createVersion({
      dataset: { id: datasetId, projectId, name: 'd', description: '', tags: [], createdBy: ids.owner },
      version: {
        id: versionId,
        datasetId,
        sourceFileName: 'd.csv',
        rawKey: null,
        rawBytes: null,
        contentHash: null,
        dedupeKey: null,
        parquetKey: 'k.parquet',
        lineage: {},
        parseOptions: {},
        jobId: crypto.randomUUID(),
        duplicateOf: null,
        createdBy: ids.owner,
      },
    });
  });
  afterAll(async () => t?.destroy());

  it('checks the project role in the same read as the dataset', async () => {
    const access = new DatasetAccess(repo);
    expect((await access.dataset(as(ids.owner), datasetId, 'write')).id).toBe(datasetId);
    expect((await access.dataset(as(ids.viewer), datasetId, 'read')).id).toBe(datasetId);
    await expect(access.dataset(as(ids.viewer), datasetId, 'write')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    // Not a member, or another organization's admin: the dataset does not exist for them.
    await expect(access.dataset(as(ids.outsider), datasetId, 'read')).rejects.toMatchObject({
      code: 'DATASET_NOT_FOUND',
    });
    await expect(access.dataset(as(stranger, 'admin', otherOrg), datasetId, 'read')).rejects.toMatchObject({
      code: 'DATASET_NOT_FOUND',
    });
    expect((await access.dataset(as(admin, 'admin'), datasetId, 'manage')).id).toBe(datasetId);
    await expect(access.dataset(as(ids.owner), crypto.randomUUID(), 'read')).rejects.toMatchObject({
      code: 'DATASET_NOT_FOUND',
    });
  });

  it('reads a version again until it is ready, then serves it from memory', async () => {
    const access = new DatasetAccess(repo);
    const reads = vi.spyOn(repo, 'findVersionByNumber');
    const dataset = await access.dataset(as(ids.owner), datasetId, 'read');
    await expect(access.readyVersion(dataset, 1)).rejects.toMatchObject({ code: 'DATASET_NOT_READY' });
    await expect(access.readyVersion(dataset, 1)).rejects.toMatchObject({ code: 'DATASET_NOT_READY' });
    expect(reads).toHaveBeenCalledTimes(2);
    await repo.markReady(versionId, {
      parquetBytes: 10,
      rowCount: 1,
      columnCount: 1,
      schema: [],
      stats: {},
      warnings: [],
    });
    expect((await access.readyVersion(dataset, 1)).status).toBe('ready');
    expect((await access.readyVersion(dataset, 1)).id).toBe(versionId);
    expect(reads).toHaveBeenCalledTimes(3);
    // The current version (by id) too.
    const byId = vi.spyOn(repo, 'findVersion');
    const current = await access.dataset(as(ids.owner), datasetId, 'read');
    await access.readyVersion(current);
    await access.readyVersion(current);
    expect(byId).toHaveBeenCalledTimes(1);
    reads.mockRestore();
    byId.mockRestore();
  });
});
