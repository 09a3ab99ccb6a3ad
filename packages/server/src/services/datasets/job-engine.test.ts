import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FsStorage } from '../../adapters/storage/fs-storage.ts';
import { parseConfig } from '../../config/config.ts';
import { withJobEngine } from './job-engine.ts';
import { LocalFiles } from './local-files.ts';

describe('withJobEngine', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'uam-job-engine-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const config = parseConfig({ UAM_DATA_DIR: dataDir, UAM_ENGINE_THREADS: '3' });
  const storage = new FsStorage({
    root: path.join(dataDir, 'files'),
    signingSecret: 'a-test-secret-of-some-length',
    publicBaseUrl: 'http://localhost',
  });
  const files = new LocalFiles(storage, { cacheDir: path.join(dataDir, 'cache'), maxCacheBytes: 1e9 });
  const threads = (opts?: { threads?: number }) =>
    withJobEngine(
      config,
      files,
      crypto.randomUUID(),
      (e) => e,
      (engine) =>
        engine.withConnection(async (c) => {
          const r = await c.runAndReadAll(`SELECT current_setting('threads')`);
          return Number(r.getRowsJson()[0][0]);
        }),
      opts,
    );

  it('opens DuckDB with UAM_ENGINE_THREADS', async () => {
    expect(await threads()).toBe(3);
  });

  it('opens DuckDB with the thread count a job asks for (the upload head plan asks for one)', async () => {
    expect(await threads({ threads: 1 })).toBe(1);
  });
});
