/** Words that pick a point in time: "the latest price", "the price at the end of 2009". */

/** Before a measure: the value at the last / first time of the rows asked about. */
export const POINT_WORDS: Readonly<Record<string, 'latest' | 'earliest'>> = {
  latest: 'latest',
  last: 'latest',
  current: 'latest',
  final: 'latest',
  closing: 'latest',
  recent: 'latest',
  earliest: 'earliest',
  first: 'earliest',
  initial: 'earliest',
  opening: 'earliest',
};

/** Followed by "of": "at the end of 2009", "the start of 2005". */
export const EDGE_WORDS: Readonly<Record<string, 'latest' | 'earliest'>> = {
  end: 'latest',
  start: 'earliest',
  beginning: 'earliest',
};

/** A point word that is read as one here (not "the last 3 months", not "first 5 cars"). */
export function isPointWord(norm: string, next: { kind: string; norm: string } | undefined): boolean {
  if (norm in EDGE_WORDS) return next?.norm === 'of';
  return norm in POINT_WORDS && next?.kind === 'word';
}
