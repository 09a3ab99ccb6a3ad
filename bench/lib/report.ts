/** One benchmark line: ours vs the reference, with the ratio and whether the goal holds. */
export interface Comparison {
  bench: string;
  metric: string;
  ours: number;
  reference?: number;
  unit: string;
  /** ratio = reference / ours for "lower is better" metrics (time, memory). */
  higherIsBetter?: boolean;
  goal?: string;
  pass?: boolean;
}

export function printComparison(c: Comparison): void {
  const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3));
  let line = `${c.bench.padEnd(22)} ${c.metric.padEnd(34)} ours ${fmt(c.ours)} ${c.unit}`;
  if (c.reference !== undefined) {
    const ratio = c.higherIsBetter ? c.ours / c.reference : c.reference / c.ours;
    line += `  ref ${fmt(c.reference)} ${c.unit}  ratio ${ratio.toFixed(2)}`;
  }
  if (c.goal) line += `  goal ${c.goal}`;
  if (c.pass !== undefined) line += c.pass ? '  PASS' : '  MISS';
  console.log(line);
}

/** p-th percentile (0..100) of a sample, linear interpolation. */
export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const i = ((s.length - 1) * p) / 100;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo]! + (s[hi]! - s[lo]!) * (i - lo);
}
