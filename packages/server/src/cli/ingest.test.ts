import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport, ingestCommand } from './ingest.ts';

describe('uam ingest FILE', () => {
  it('prints the inferred schema as a table, with warnings', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'uam-cli-'));
    const file = path.join(dir, 'people.csv');
    await fs.writeFile(file, 'id,name,id,when\n1,ann,3,2024-01-02\n2,,4,2024-02-03\n');
    const lines: string[] = [];
    try {
      await ingestCommand([file], (l) => lines.push(l));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
    expect(lines[0]).toBe('2 rows, 4 columns');
    expect(lines[2]).toMatch(/^column\s+storage type\s+semantic type\s+missing\s+failures$/);
    expect(lines.find((l) => l.startsWith('when'))).toMatch(/^when\s+date\s+datetime\s+0\s+0$/);
    expect(lines.find((l) => l.startsWith('name'))).toMatch(/\s1\s+0$/);
    expect(lines).toContain('Warnings:');
    expect(lines.some((l) => l.includes('COLUMN_RENAMED'))).toBe(true);
  });

  it('prints JSON with --json and refuses a missing file', async () => {
    const lines: string[] = [];
    await expect(ingestCommand(['/nonexistent/x.csv'], (l) => lines.push(l))).rejects.toThrow(/No such file/);
    const report = { rowCount: 0, columns: [], warnings: [] };
    expect(formatReport(report)[0]).toBe('0 rows, 0 columns');
  });
});
