/**
 * Typo tolerance: optimal-string-alignment Damerau–Levenshtein distance (a swap of two
 * neighbours counts as one edit, so "hosrepower" is one typo away from "horsepower").
 */

/** Edits allowed for a word of this length: none for short words, where one edit makes another word. */
export function maxTypos(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 9) return 2;
  return 3;
}

/** Distance, or `limit + 1` as soon as it must exceed `limit` (rows are cut early). */
export function damerauLevenshtein(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = a.length;
  const m = b.length;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m];
}

/**
 * True when `typed` is a plausible typo of `target`: within the length-aware budget and
 * sharing the first letter (people rarely mistype the first letter, and requiring it removes
 * most false matches between unrelated short words).
 */
export function isTypoOf(typed: string, target: string): boolean {
  if (typed === target) return true;
  const budget = Math.min(maxTypos(typed.length), maxTypos(target.length));
  if (budget === 0 || typed[0] !== target[0]) return false;
  return damerauLevenshtein(typed, target, budget) <= budget;
}
