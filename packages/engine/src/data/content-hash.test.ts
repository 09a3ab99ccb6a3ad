import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash } from './content-hash.ts';
import { inferSchema } from './ingest/ingest-file.ts';
import { useEngine } from './test-support/fixtures.ts';

const t = useEngine();

describe('contentHash', () => {
  it('is the SHA-256 of the bytes, streamed', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 7, 'ab');
    expect(await contentHash(t.file('h.bin', bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('inferSchema (preview without writing)', () => {
  it('reports the sample-based schema and leaves no file', async () => {
    const input = t.file('p.csv', 'a;b\n1,5;x\n2;NA\n');
    const s = await inferSchema(t.engine(), { input });
    expect(s).toMatchObject({ format: 'csv', delimiter: ';', sampledRows: 2 });
    expect(s.columns.map((c) => [c.name, c.storageType, c.missingCount])).toEqual([
      ['a', 'float', 0],
      ['b', 'string', 1],
    ]);
  });
});
