import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

describe('production-only client libraries', () => {
  it('are not loaded by an embedded platform', () => {
    // A fresh process: the test runner's own module cache would tell nothing.
    const script = `
      import fs from 'node:fs';
      import os from 'node:os';
      import { createRequire } from 'node:module';
      const { parseConfig } = await import(${JSON.stringify(path.join(here, '../config/config.ts'))});
      const { createLogger } = await import(${JSON.stringify(path.join(here, '../logger.ts'))});
      const { createPlatform } = await import(${JSON.stringify(path.join(here, '../platform.ts'))});
      const dir = fs.mkdtempSync(os.tmpdir() + '/uam-deps-');
      const config = parseConfig({ UAM_DATA_DIR: dir, LOG_LEVEL: 'silent' });
      const platform = await createPlatform(config, createLogger('silent'), { role: 'api' });
      await platform.close();
      fs.rmSync(dir, { recursive: true, force: true });
      const loaded = Object.keys(createRequire(import.meta.url).cache)
        .map((f) => /node_modules\\/(bullmq|ioredis|pg)\\//.exec(f)?.[1])
        .filter(Boolean);
      console.log(JSON.stringify([...new Set(loaded)]));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '', REDIS_URL: '' },
    });
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual([]);
  });
});
