import { describe, expect, it } from 'vitest';
import { Matrix } from '../matrix.ts';
import { silhouetteScore } from '../metrics/clustering.ts';
import { Rng } from '../random.ts';
import { KMeans } from './kmeans.ts';

const num = (cols: Record<string, number[]>): Matrix =>
  Matrix.fromColumns(
    Object.entries(cols).map(([name, values]) => ({ name, kind: 'numeric' as const, values })),
  );

describe('k-means', () => {
  const rng = new Rng(4);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const [cx, cy] of [
    [0, 0],
    [10, 0],
    [0, 10],
  ]) {
    for (let i = 0; i < 50; i++) {
      xs.push(cx + rng.normal());
      ys.push(cy + rng.normal());
    }
  }
  const X = num({ x: xs, y: ys });

  it('finds well-separated blobs deterministically', () => {
    const km = new KMeans({ k: 3, seed: 1 }).fit(X);
    const labels = km.labels;
    for (let b = 0; b < 3; b++) {
      const first = labels[b * 50];
      for (let i = 0; i < 50; i++) expect(labels[b * 50 + i]).toBe(first);
    }
    expect(new Set(labels).size).toBe(3);
    const flat = new Float64Array(300);
    for (let i = 0; i < 150; i++) {
      flat[2 * i] = xs[i];
      flat[2 * i + 1] = ys[i];
    }
    expect(silhouetteScore(flat, 2, labels)).toBeGreaterThan(0.8);
    expect(new KMeans({ k: 3, seed: 1 }).fit(X).labels).toEqual(labels);
    expect(km.predict(num({ x: [10.2], y: [0.3] }))[0]).toBe(labels[50]);
    expect(() => new KMeans({ k: 200 }).fit(X)).toThrow(expect.objectContaining({ code: 'ML_BAD_PARAM' }));
  });
});
