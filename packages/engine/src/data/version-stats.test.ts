import { describe, expect, it } from 'vitest';
import { useEngine } from './test-support/fixtures.ts';
import { peopleVersion } from './test-support/people.ts';
import { versionStats } from './version-stats.ts';

const t = useEngine();

describe('versionStats', () => {
  it('counts rows and columns and summarises each column', async () => {
    const v = await peopleVersion(t.engine(), t.file, t.out);
    const s = await versionStats(t.engine(), v);
    expect([s.rowCount, s.columnCount]).toEqual([6, 9]);
    const age = s.columns.find((c) => c.name === 'age')!;
    expect(age).toMatchObject({ type: 'integer', nullCount: 1, min: 25, max: 52 });
    expect(age.mean).toBeCloseTo((34 + 25 + 41 + 29 + 52) / 5, 10);
    expect(s.columns.find((c) => c.name === 'joined')).toMatchObject({
      min: '2021-01-01',
      max: '2024-03-01',
      nullCount: 0,
    });
    expect(s.columns.find((c) => c.name === 'name')).toMatchObject({
      minLength: 2,
      maxLength: 3,
      distinctCount: 6,
    });
    expect(s.columns.find((c) => c.name === 'active')).toMatchObject({ min: false, max: true });
  });
});
