import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type DuckEngine, openEngine } from '../duck-engine.ts';

/**
 * One engine and one scratch folder per test file; fixtures are written on the fly so no
 * data file is committed. `file(name, content)` returns the path.
 */
export function useEngine(): {
  engine: () => DuckEngine;
  dir: () => string;
  file: (name: string, content: string | Buffer) => string;
  out: (name: string) => string;
} {
  let engine: DuckEngine | undefined;
  let dir = '';
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uam-data-test-'));
    // One DuckDB thread per test file: vitest already runs files in parallel on a 2-core machine.
    engine = await openEngine({ threads: 1, memoryLimit: '1GB', tempDir: path.join(dir, '.engine') });
  });
  afterAll(async () => {
    await engine?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    engine: () => {
      if (!engine) throw new Error('engine not open');
      return engine;
    },
    dir: () => dir,
    file: (name, content) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, content);
      return p;
    },
    out: (name) => path.join(dir, name),
  };
}

/** Reads a whole Parquet file as JSON-safe rows (tests only: small files). */
export async function readParquet(engine: DuckEngine, file: string): Promise<unknown[][]> {
  return engine.withConnection(async (conn) => {
    const r = await conn.runAndReadAll(`SELECT * FROM read_parquet('${file.replaceAll("'", "''")}')`);
    return r.getRowsJson() as unknown[][];
  });
}
