/** "top 5", "bottom 3", "the 10 best", "first 20", "top five": how many groups or rows to keep. */
import { numberAt } from './numbers.ts';
import { SUPERLATIVES } from './thesaurus.ts';
import type { Token } from './tokenize.ts';

export interface TopK {
  start: number;
  end: number;
  n: number;
  dir: 'asc' | 'desc' | null;
}

const LEAD: Record<string, 'asc' | 'desc' | null> = {
  which: null,
  what: null,
  top: 'desc',
  bottom: 'asc',
  first: null,
  highest: 'desc',
  lowest: 'asc',
  best: 'desc',
  worst: 'asc',
  largest: 'desc',
  biggest: 'desc',
  smallest: 'asc',
};
const TRAIL: Record<string, 'asc' | 'desc' | null> = Object.fromEntries(
  Object.entries(SUPERLATIVES).map(([w, s]) => [w, s.agg === 'max' ? 'desc' : 'asc']),
);

export function findTopK(tokens: readonly Token[], free: readonly boolean[]): TopK[] {
  const out: TopK[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!free[i]) continue;
    const w = tokens[i].norm;
    if (w in LEAD) {
      const n = numberAt(tokens, i + 1);
      if (n && Number.isInteger(n.value) && n.value > 0 && n.value <= 10_000 && free[n.start] && !n.percent) {
        out.push({ start: i, end: n.end, n: n.value, dir: LEAD[w] });
        i = n.end - 1;
        continue;
      }
    }
    const n = numberAt(tokens, i);
    if (
      n &&
      Number.isInteger(n.value) &&
      n.value > 0 &&
      n.value <= 10_000 &&
      !n.percent &&
      free[n.end] &&
      tokens[n.end]?.norm in TRAIL
    ) {
      // The trailing superlative stays for the cue reader ("5 most expensive" still needs "most expensive").
      out.push({ start: i, end: n.end, n: n.value, dir: TRAIL[tokens[n.end].norm] });
      i = n.end - 1;
    }
  }
  return out;
}
