/**
 * Independent reference statistics for the exactness tests, written the obvious way (Array
 * sort with a comparator, plain loops, numpy/pandas formulas as documented) and sharing no
 * code with the profile. Tests only.
 */

export function sorted(xs: number[]): number[] {
  return [...xs].sort((a, b) => a - b);
}

/** numpy `quantile(method="linear")`. */
export function quantile(s: number[], q: number): number {
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

export function mean(xs: number[]): number {
  let t = 0;
  for (const x of xs) t += x;
  return t / xs.length;
}

/** Σ (x − mean)^k. */
export function centralSum(xs: number[], k: number): number {
  const m = mean(xs);
  let t = 0;
  for (const x of xs) t += (x - m) ** k;
  return t;
}

export function varianceDdof1(xs: number[]): number {
  return centralSum(xs, 2) / (xs.length - 1);
}

/** pandas `Series.skew()`: G1 = √(n(n−1))/(n−2) · m3/m2^1.5 with biased moments mk. */
export function pandasSkew(xs: number[]): number {
  const n = xs.length;
  const m2 = centralSum(xs, 2) / n;
  const m3 = centralSum(xs, 3) / n;
  return ((Math.sqrt(n * (n - 1)) / (n - 2)) * m3) / m2 ** 1.5;
}

/** pandas `Series.kurt()`: G2 = ((n+1)g2 + 6)(n−1)/((n−2)(n−3)), g2 = m4/m2² − 3. */
export function pandasKurt(xs: number[]): number {
  const n = xs.length;
  const m2 = centralSum(xs, 2) / n;
  const m4 = centralSum(xs, 4) / n;
  const g2 = m4 / (m2 * m2) - 3;
  return (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3));
}

export function medianAbsoluteDeviation(xs: number[]): number {
  const m = quantile(sorted(xs), 0.5);
  return quantile(sorted(xs.map((x) => Math.abs(x - m))), 0.5);
}

/** numpy.histogram counts for given edges: [e_i, e_{i+1}), last bin closed. */
export function histogramCounts(xs: number[], edges: number[]): number[] {
  const k = edges.length - 1;
  const counts = new Array(k).fill(0);
  for (const x of xs) {
    for (let i = 0; i < k; i++) {
      const last = i === k - 1;
      if (x >= edges[i] && (x < edges[i + 1] || (last && x <= edges[i + 1]))) {
        counts[i]++;
        break;
      }
    }
  }
  return counts;
}

export function pearsonRef(xs: number[], ys: number[]): number {
  const pairs = xs.map((x, i) => [x, ys[i]]).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const a = pairs.map((p) => p[0]);
  const b = pairs.map((p) => p[1]);
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Average ranks (1-based), ties sharing the mean rank: scipy `rankdata(method="average")`. */
export function averageRanks(xs: number[]): number[] {
  const idx = xs.map((x, i) => [x, i]).sort((p, q) => p[0] - q[0]);
  const ranks = new Array(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1][0] === idx[i][0]) j++;
    for (let k = i; k <= j; k++) ranks[idx[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return ranks;
}

/** pandas `corr(method="spearman")`: ranks within the pairwise-complete rows. */
export function spearmanRef(xs: number[], ys: number[]): number {
  const pairs = xs.map((x, i) => [x, ys[i]]).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  return pearsonRef(averageRanks(pairs.map((p) => p[0])), averageRanks(pairs.map((p) => p[1])));
}

/** Bias-corrected Cramér's V (Bergsma 2013) from the full contingency table. */
export function cramersVRef(as: (string | null)[], bs: (string | null)[]): number {
  const rows: [string, string][] = [];
  for (let i = 0; i < as.length; i++) if (as[i] !== null && bs[i] !== null) rows.push([as[i]!, bs[i]!]);
  const n = rows.length;
  const la = [...new Set(rows.map((r) => r[0]))];
  const lb = [...new Set(rows.map((r) => r[1]))];
  let chi2 = 0;
  for (const a of la) {
    for (const b of lb) {
      const ra = rows.filter((r) => r[0] === a).length;
      const cb = rows.filter((r) => r[1] === b).length;
      const o = rows.filter((r) => r[0] === a && r[1] === b).length;
      const e = (ra * cb) / n;
      chi2 += (o - e) ** 2 / e;
    }
  }
  const r = la.length;
  const k = lb.length;
  const phi2 = chi2 / n;
  const phi2c = Math.max(0, phi2 - ((k - 1) * (r - 1)) / (n - 1));
  const rc = r - (r - 1) ** 2 / (n - 1);
  const kc = k - (k - 1) ** 2 / (n - 1);
  return Math.sqrt(phi2c / Math.min(kc - 1, rc - 1));
}

/** Correlation ratio η of numeric `ys` grouped by `groups`. */
export function etaRef(groups: (string | null)[], ys: number[]): number {
  const rows = groups.map((g, i) => [g, ys[i]] as const).filter(([g, y]) => g !== null && Number.isFinite(y));
  const all = rows.map((r) => r[1]);
  const m = mean(all);
  let between = 0;
  for (const g of new Set(rows.map((r) => r[0]))) {
    const ys2 = rows.filter((r) => r[0] === g).map((r) => r[1]);
    between += ys2.length * (mean(ys2) - m) ** 2;
  }
  return Math.sqrt(between / centralSum(all, 2));
}

export function entropyBits(values: string[]): number {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / values.length;
    h -= p * Math.log2(p);
  }
  return h;
}
