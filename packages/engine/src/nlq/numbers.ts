/**
 * Numbers as analysts write them: digits with scales ("2k", "1.5m", "3 million", "$40bn"),
 * words ("ten", "twenty-five", "a dozen", "a hundred"), percents ("10%", "ten percent").
 */
import type { Token } from './tokenize.ts';

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  dozen: 12,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = {
  hundred: 100,
  thousand: 1e3,
  k: 1e3,
  grand: 1e3,
  million: 1e6,
  millions: 1e6,
  mn: 1e6,
  mil: 1e6,
  m: 1e6,
  billion: 1e9,
  billions: 1e9,
  bn: 1e9,
  b: 1e9,
  trillion: 1e12,
};

export interface NumberMention {
  value: number;
  /** Token range [start, end). */
  start: number;
  end: number;
  percent: boolean;
  currency: boolean;
  /** Written with digits (a bare "one" in "which one" is not a number). */
  digits: boolean;
}

export function isNumberWord(norm: string): boolean {
  return norm in UNITS || norm in TENS;
}

/** Reads a number starting at token `i`, or null. */
export function numberAt(tokens: readonly Token[], i: number): NumberMention | null {
  let j = i;
  let currency = false;
  if (tokens[j]?.norm === '$' || tokens[j]?.norm === 'usd') {
    currency = true;
    j++;
  }
  let value: number | null = null;
  let digits = false;
  const t = tokens[j];
  if (!t) return null;
  if (t.kind === 'number' && t.value !== undefined) {
    value = t.value;
    digits = true;
    currency ||= t.currency === true;
    if (t.percent) return { value, start: i, end: j + 1, percent: true, currency, digits };
    j++;
  } else {
    const w = wordNumber(tokens, j);
    if (!w) return null;
    value = w.value;
    j = w.end;
  }
  // A scale word: "3 million", "2.5 k". "m" alone only right after digits.
  const s = tokens[j]?.norm;
  if (s && s in SCALES && (s.length > 1 || digits) && !(s === 'm' && tokens[j + 1]?.norm === 'of')) {
    value *= SCALES[s];
    j++;
    if (tokens[j]?.norm in SCALES && tokens[j].norm !== 'm') {
      value *= SCALES[tokens[j].norm];
      j++;
    }
  }
  let percent = false;
  if (tokens[j]?.norm === '%' || tokens[j]?.norm === 'percent' || tokens[j]?.norm === 'pct') {
    percent = true;
    j++;
  }
  if (tokens[j]?.norm === 'dollars' || tokens[j]?.norm === 'usd' || tokens[j]?.norm === 'bucks') {
    currency = true;
    j++;
  }
  return { value, start: i, end: j, percent, currency, digits };
}

function wordNumber(tokens: readonly Token[], i: number): { value: number; end: number } | null {
  let j = i;
  // "a hundred", "a dozen", "a thousand"
  if (
    tokens[j]?.norm === 'a' &&
    ['hundred', 'thousand', 'dozen', 'million'].includes(tokens[j + 1]?.norm ?? '')
  ) {
    const w = tokens[j + 1].norm;
    return { value: w === 'dozen' ? 12 : SCALES[w], end: j + 2 };
  }
  const w = tokens[j]?.norm;
  if (!w) return null;
  if (w in UNITS) return { value: UNITS[w], end: j + 1 };
  if (w in TENS) {
    let value = TENS[w];
    j++;
    if (tokens[j]?.norm === '-') j++;
    const u = tokens[j]?.norm;
    if (u && u in UNITS && UNITS[u] < 10 && UNITS[u] > 0) {
      value += UNITS[u];
      j++;
    } else if (tokens[j - 1]?.norm === '-') j--;
    return { value, end: j };
  }
  return null;
}
