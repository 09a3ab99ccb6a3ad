import { expect } from 'vitest';
import { upload, waitJob } from './datasets.ts';
import type { Session, TestApp } from './test-app.ts';

/** Upload a CSV as a new dataset of `projectId` and wait for its ingest. */
export async function uploadCsv(
  t: TestApp,
  s: Session,
  projectId: string,
  content: string,
  fileName = 'data.csv',
): Promise<{ datasetId: string; versionId: string }> {
  const r = await upload(t, s.accessToken, `/api/v1/projects/${projectId}/datasets`, { fileName, content });
  expect(r.statusCode, r.body).toBe(202);
  const job = await waitJob(t, r.json().job.id);
  expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
  return { datasetId: r.json().dataset.id, versionId: r.json().version.id };
}

/**
 * The profile of a version once its job ended: the ingest hook starts it, so it exists as
 * soon as the ingest job succeeded; this waits for its job and reads it again.
 */
export async function readyProfile(t: TestApp, s: Session, datasetId: string, version?: number) {
  const url = `/api/v1/datasets/${datasetId}/profile${version ? `?version=${version}` : ''}`;
  const first = await t.call('GET', url, { token: s.accessToken });
  expect(first.statusCode, first.body).toBe(200);
  const job = await waitJob(t, first.json().profile.jobId, 120_000);
  expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
  const r = await t.call('GET', url, { token: s.accessToken });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { profile: Record<string, unknown> & { status: string }; result: ProfileJson };
}

/** The parts of the engine's Profile the tests read. */
export interface ProfileJson {
  dataset: { rows: number; columns: number; duplicates: { count: number } };
  columns: Array<{
    name: string;
    kind: string;
    count: number;
    missing: number;
    distinct: { value: number };
    numeric?: { mean: number; median: number; min: number; max: number; std: number; sum: number };
    text?: { topValues: Array<{ value: string; count: number }> };
  }>;
  alerts: Array<{ type: string; severity: string; columns: string[]; evidence: Record<string, unknown> }>;
  quality: { score: number; completeness: number };
  insights: string[];
  charts: Array<{ kind: string; spec: Record<string, unknown> }>;
}
