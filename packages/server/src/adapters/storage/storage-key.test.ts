import { describe, expect, it } from 'vitest';
import { UamError } from '../../errors/index.ts';
import { assertSafeKey, folderPrefix, MAX_KEY_BYTES } from './storage-key.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof UamError ? e.code : 'not a UamError';
  }
}

const segment = (n: number) => 'a'.repeat(n);

describe('assertSafeKey', () => {
  it.each([
    'a',
    'raw.csv',
    'projects/42/raw/0f3a9c.csv',
    'datasets/year=2024/month=01/part-0.parquet',
    'a/b/c/d/e/f/g',
    'file.tar.gz',
    'x..y',
    'A-Z_0-9',
    'trailing.dot.',
  ])('accepts %s', (key) => {
    expect(codeOf(() => assertSafeKey(key))).toBeUndefined();
  });

  it('accepts segments of exactly 255 bytes', () => {
    const key = `${segment(255)}/${segment(255)}`;
    expect(codeOf(() => assertSafeKey(key))).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['parent', '..'],
    ['current', '.'],
    ['leading parent', '../x'],
    ['deep escape', 'a/../../etc/passwd'],
    ['parent in the middle', 'a/b/../c'],
    ['trailing parent', 'a/..'],
    ['current segment', 'a/./b'],
    ['absolute', '/etc/passwd'],
    ['double slash', 'a//b'],
    ['trailing slash', 'a/b/'],
    ['leading dot (hidden)', '.env'],
    ['reserved temp folder', '.tmp/abc'],
    ['hidden segment', 'a/.git/config'],
    ['three dots', '...'],
    ['backslash', 'a\\b'],
    ['backslash escape', '..\\..\\windows'],
    ['NUL', 'a\u0000b'],
    ['NUL at end', 'a.csv\u0000.png'],
    ['newline', 'a\nb'],
    ['trailing newline', 'abc\n'],
    ['tab', 'a\tb'],
    ['DEL', 'a\u007fb'],
    ['C1 control', 'a\u0085b'],
    ['percent-encoded dots', '%2e%2e/x'],
    ['percent-encoded slash', '..%2fetc'],
    ['double-encoded', '%252e%252e/x'],
    ['percent sign', '100%.csv'],
    ['space', 'a b'],
    ['colon (drive letter)', 'C:/x'],
    ['colon (ADS)', 'a.txt:stream'],
    ['query-like', 'a?b=c'],
    ['fragment', 'a#b'],
    ['tilde', '~/x'],
    ['glob', 'a/*'],
    ['unicode letter', 'caf\u00e9.csv'],
    ['fullwidth dot', '\uff0e\uff0e/x'],
    ['one-dot leader', '\u2024\u2024/x'],
    ['fraction slash', 'a\u2044b'],
    ['zero-width space', 'a\u200bb'],
    ['right-to-left override', 'a\u202egpj.exe'],
    ['emoji', '\u{1f600}.csv'],
    ['lone surrogate', 'a\ud800b'],
    ['segment too long', segment(256)],
    ['key too long', Array.from({ length: 5 }, () => segment(250)).join('/')],
    ['very long key', 'a/'.repeat(100_000) + 'a'],
  ])('rejects %s', (_label, key) => {
    expect(codeOf(() => assertSafeKey(key))).toBe('STORAGE_KEY_INVALID');
  });

  it.each([undefined, null, 42, {}, ['a'], Buffer.from('a')])('rejects the non-string %s', (key) => {
    expect(codeOf(() => assertSafeKey(key))).toBe('STORAGE_KEY_INVALID');
  });

  it('accepts exactly MAX_KEY_BYTES and rejects one more', () => {
    const key = (n: number) => `${segment(200)}/`.repeat(Math.floor(n / 201)) + segment(n % 201 || 1);
    expect(key(MAX_KEY_BYTES).length).toBe(MAX_KEY_BYTES);
    expect(codeOf(() => assertSafeKey(key(MAX_KEY_BYTES)))).toBeUndefined();
    expect(codeOf(() => assertSafeKey(key(MAX_KEY_BYTES + 1)))).toBe('STORAGE_KEY_INVALID');
  });

  it('says why in details without echoing the key', () => {
    try {
      assertSafeKey('a/../b');
      expect.unreachable();
    } catch (e) {
      expect((e as UamError).details).toEqual({ reason: 'segment starts with "."' });
    }
  });
});

describe('folderPrefix', () => {
  it('treats a prefix as a folder, with or without the trailing slash', () => {
    expect(folderPrefix('projects/1')).toBe('projects/1/');
    expect(folderPrefix('projects/1/')).toBe('projects/1/');
  });

  it.each(['', '/', '//', '../', 'a/../', '/abs/', 'a//'])('rejects %j', (prefix) => {
    expect(codeOf(() => folderPrefix(prefix))).toBe('STORAGE_KEY_INVALID');
  });
});
