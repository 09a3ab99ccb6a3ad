import { MlError } from './errors.ts';

/** JSON has no ±Infinity/NaN; they travel as the strings "Infinity", "-Infinity", "NaN". */
export type JsonFloat = number | 'Infinity' | '-Infinity' | 'NaN';

export function floatsToJson(a: ArrayLike<number>): JsonFloat[] {
  const out: JsonFloat[] = new Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    out[i] = Number.isFinite(v) ? v : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
  }
  return out;
}

export function floatsFromJson(a: readonly JsonFloat[] | undefined, what: string): Float64Array {
  if (!Array.isArray(a)) throw new MlError('ML_ARTIFACT_INVALID', `${what} is not an array`);
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v === 'number') out[i] = v;
    else if (v === 'Infinity' || v === '-Infinity' || v === 'NaN') out[i] = Number(v);
    else throw new MlError('ML_ARTIFACT_INVALID', `${what} holds a non-number`);
  }
  return out;
}
