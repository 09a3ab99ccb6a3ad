import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from './duck-engine.ts';
import { ingestFile } from './ingest/ingest-file.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'uam-engine-sec-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('DuckEngine safety settings', () => {
  it('confines file access to allowed directories and locks the configuration', async () => {
    const data = path.join(root, 'data');
    fs.mkdirSync(data);
    fs.writeFileSync(path.join(data, 'a.csv'), 'x,y\n1,2\n');
    const engine = await openEngine({
      threads: 1,
      allowedDirectories: [data],
      tempDir: path.join(root, 'tmp'),
    });
    try {
      const r = await ingestFile(engine, {
        input: path.join(data, 'a.csv'),
        output: path.join(data, 'a.parquet'),
      });
      expect(r.rowCount).toBe(1);
      await engine.withConnection(async (conn) => {
        await expect(conn.run(`SELECT * FROM read_csv('/etc/passwd')`)).rejects.toThrow(
          /Permission|disabled/,
        );
        await expect(conn.run(`SELECT * FROM read_csv('${data}/../outside.csv')`)).rejects.toThrow();
        await expect(conn.run('SET enable_external_access = true')).rejects.toThrow(/locked/);
        await expect(conn.run('SET threads = 64')).rejects.toThrow(/locked/);
        await expect(conn.run('INSTALL httpfs')).rejects.toThrow();
      });
    } finally {
      await engine.close();
    }
  });

  it('never loads extensions on its own and runs in UTC', async () => {
    const engine = await openEngine({ threads: 1 });
    try {
      await engine.withConnection(async (conn) => {
        const r = await conn.runAndReadAll(
          `SELECT current_setting('autoload_known_extensions'), current_setting('autoinstall_known_extensions'), current_setting('TimeZone')`,
        );
        expect(r.getRowsJson()[0]).toEqual([false, false, 'UTC']);
      });
    } finally {
      await engine.close();
    }
    await expect(openEngine({ memoryLimit: 'lots' })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });
});
