/** `x` when it is a finite number, else `null`: profiles must survive JSON.stringify. */
export function finite(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

/** a / b, or `null` when b is 0. */
export function ratio(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

/** Rounds to `digits` significant decimals for display text (never for stored statistics). */
export function fmt(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return x.toLocaleString('en-US');
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return x.toExponential(digits - 1);
  return Number(x.toPrecision(digits)).toString();
}

/** A share 0..1 as a percentage string like `4.2%`. */
export function pct(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return 'n/a';
  const p = share * 100;
  return `${p >= 10 || p === 0 ? p.toFixed(0) : p >= 1 ? p.toFixed(1) : p.toPrecision(2)}%`;
}

/**
 * Makes a value tree JSON-exact in place: −0 becomes 0 (JSON has no −0) and any non-finite
 * number that slipped through becomes null. Run once on the finished profile.
 */
export function toJsonSafe<T>(value: T): T {
  walk(value as unknown);
  return value;
}

function walk(node: unknown): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const v = node[i];
      if (typeof v === 'number') node[i] = clean(v);
      else if (v !== null && typeof v === 'object') walk(v);
    }
  } else if (node !== null && typeof node === 'object') {
    const obj = node as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      if (typeof v === 'number') obj[key] = clean(v);
      else if (v !== null && typeof v === 'object') walk(v);
    }
  }
}

function clean(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  return x === 0 ? 0 : x;
}
