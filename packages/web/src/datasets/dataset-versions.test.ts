import { describe, expect, it } from 'vitest';
import type { Dataset, Version } from '../api/dataset-types.ts';
import { currentVersionNumber, lineageText, newestFirst } from './dataset-versions.ts';

function version(number: number, patch: Partial<Version> = {}): Version {
  return {
    id: `v${number}-id`,
    datasetId: 'd1',
    number,
    status: 'ready',
    sourceFileName: 'sales.csv',
    rawBytes: 10,
    parquetBytes: 5,
    contentHash: null,
    rowCount: 2,
    columnCount: 1,
    schema: null,
    warnings: [],
    lineage: { kind: 'upload' },
    jobId: null,
    error: null,
    createdAt: '2026-01-01T00:00:00Z',
    ...patch,
  };
}

const dataset = { currentVersion: null, currentVersionId: null } as unknown as Dataset;

describe('lineageText', () => {
  const all = [version(1), version(2, { lineage: { kind: 'schema_change', parentVersion: 1 } })];

  it('names the upload by its file', () => {
    expect(lineageText(all[0], all)).toBe('Upload of sales.csv');
  });

  it('names a derived version by its parent, given by number or by id', () => {
    expect(lineageText(all[1], all)).toBe('Schema change of v1');
    const byId = version(3, { lineage: { kind: 'clean', parentVersionId: 'v2-id' } });
    expect(lineageText(byId, [...all, byId])).toBe('Cleaning of v2');
  });
});

describe('currentVersionNumber', () => {
  it('prefers the number, else matches the id in the list', () => {
    expect(currentVersionNumber({ ...dataset, currentVersion: 4 }, [])).toBe(4);
    expect(currentVersionNumber({ ...dataset, currentVersionId: 'v2-id' }, [version(1), version(2)])).toBe(2);
    expect(currentVersionNumber(dataset, [version(1)])).toBeNull();
  });
});

describe('newestFirst', () => {
  it('orders by number, descending, without mutating', () => {
    const list = [version(1), version(3), version(2)];
    expect(newestFirst(list).map((v) => v.number)).toEqual([3, 2, 1]);
    expect(list[0].number).toBe(1);
  });
});
