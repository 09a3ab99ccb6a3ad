import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './error-codes.ts';
import { serializeError, UamError } from './uam-error.ts';

const apiDoc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../docs/api.md');

describe('error catalog', () => {
  it('documents every code with its status in docs/api.md', () => {
    const doc = fs.readFileSync(apiDoc, 'utf8');
    for (const [code, { status }] of Object.entries(ERROR_CODES)) {
      expect(doc, code).toMatch(new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${status}\\s*\\|`));
    }
  });

  it('uses client statuses for client errors and namespaced upper-case codes', () => {
    for (const [code, { status }] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(600);
    }
  });

  it('never serialises the internals of unknown errors', () => {
    const s = serializeError(new Error('password=hunter2 at db.ts:12'));
    expect(s).toEqual({ code: 'INTERNAL_ERROR', message: 'Internal server error', details: {} });
    expect(serializeError(new UamError('NOT_FOUND', 'x', { a: 1 }))).toEqual({
      code: 'NOT_FOUND',
      message: 'x',
      details: { a: 1 },
    });
    expect(UamError.fromJSON({ code: 'NO_SUCH_CODE', message: 'm' }).code).toBe('INTERNAL_ERROR');
  });
});
