import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('gives embedded defaults on an empty environment', () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(8080);
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.db.kind).toBe('pglite');
    expect(c.queue.kind).toBe('inprocess');
    expect(c.storage.kind).toBe('fs');
    expect(c.dataDir.endsWith('.uam-data')).toBe(true);
  });

  it('switches to production parts by config only', () => {
    const c = parseConfig({
      DATABASE_URL: 'postgres://127.0.0.1:5432/test',
      REDIS_URL: 'redis://127.0.0.1:6379',
      S3_BUCKET: 'uam',
      S3_ENDPOINT: 'http://127.0.0.1:7480',
    });
    expect(c.db).toMatchObject({ kind: 'postgres', url: 'postgres://127.0.0.1:5432/test' });
    expect(c.queue).toMatchObject({ kind: 'bullmq' });
    expect(c.storage).toMatchObject({ kind: 's3', bucket: 'uam' });
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['UAM_SIGNUP', 'maybe'],
    ['DATABASE_URL', 'mysql://x'],
    ['UAM_ACCESS_TOKEN_TTL', '3600'],
    ['UAM_JWT_SECRET', 'short'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(new RegExp(name));
  });

  it('requires a bucket when other S3 settings are given', () => {
    expect(() => parseConfig({ S3_ENDPOINT: 'http://127.0.0.1:7480' })).toThrow(/S3_BUCKET/);
  });
});
