import { describe, expect, it } from 'vitest';
import { contentDisposition, sanitizeFileName } from './content-disposition.ts';

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('Q3 résumé.csv')).toBe(
      `attachment; filename="Q3 r_sum_.csv"; filename*=UTF-8''Q3%20r%C3%A9sum%C3%A9.csv`,
    );
    expect(contentDisposition("it's (v2)*.txt")).toContain(`filename*=UTF-8''it%27s%20%28v2%29%2A.txt`);
    expect(contentDisposition('数据.csv')).toBe(
      `attachment; filename="__.csv"; filename*=UTF-8''%E6%95%B0%E6%8D%AE.csv`,
    );
  });

  it('cannot be used to inject header text or parameters', () => {
    const header = contentDisposition('a"; filename="evil.exe\r\nX-Injected: 1');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.match(/"/g)).toHaveLength(2);
    expect(header).toContain('filename="a; filename=evil.exeX-Injected: 1"');
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'etcpasswd'],
    ['..\\..\\win.ini', 'win.ini'],
    ['  .hidden ', 'hidden'],
    ['a\u0000b\u007fc\u0085d', 'abcd'],
    ['evil\u202eexe.txt', 'evilexe.txt'],
    ['lone\ud800surrogate', 'lonesurrogate'],
    ['', 'download'],
    ['...', 'download'],
    ['/', 'download'],
  ])('%j becomes %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('clips long names by characters, not UTF-16 units', () => {
    const name = sanitizeFileName('😀'.repeat(300));
    expect(Array.from(name)).toHaveLength(200);
    expect(() => encodeURIComponent(name)).not.toThrow();
  });
});
