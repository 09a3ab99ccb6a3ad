import { describe, expect, it } from 'vitest';
import { rng } from '../test-support.ts';
import { argsortFloat64, sortFloat64 } from './radix-sort.ts';

function data(kind: string, n: number): Float64Array {
  const r = rng(n + kind.length);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (kind === 'normal') a[i] = (r() - 0.5) * 1e6 * (r() < 0.01 ? 1e200 : 1);
    else if (kind === 'ints') a[i] = Math.floor(r() * 50) - 25;
    else if (kind === 'sorted') a[i] = i * 0.5;
    else if (kind === 'reversed') a[i] = n - i;
    else if (kind === 'equal') a[i] = 7;
    else a[i] = i % 2 === 0 ? -0 : 0;
  }
  return a;
}

const KINDS = ['normal', 'ints', 'sorted', 'reversed', 'equal', 'zeros'];

describe('sorting and selection kernels', () => {
  it('radix and counting sort agree with a comparison sort', () => {
    for (const kind of KINDS) {
      for (const n of [0, 1, 300, 5000]) {
        const a = data(kind, n);
        const want = Array.from(a).sort((x, y) => x - y);
        expect(Array.from(sortFloat64(a.slice())).map((x) => x + 0)).toEqual(want.map((x) => x + 0));
      }
    }
  });

  it('argsort is stable', () => {
    const a = Float64Array.from([3, 1, 2, 1, 3, -5, 1]);
    expect(Array.from(argsortFloat64(a))).toEqual([5, 1, 3, 6, 2, 0, 4]);
  });
});
