/**
 * Test statistics and distributions for drift, in plain JS. Formulas follow Numerical Recipes
 * (3rd ed., §6.2 incomplete gamma, §14.3 Kolmogorov–Smirnov).
 */

/** Bins with no observations get this share so that log(p/q) stays finite. */
export const PSI_EPSILON = 1e-4;

/** PSI = Σ (q_i − p_i) · ln(q_i / p_i) over bins, p = reference shares, q = new shares. */
export function psi(reference: readonly number[], current: readonly number[]): number | null {
  const n1 = reference.reduce((a, b) => a + b, 0);
  const n2 = current.reduce((a, b) => a + b, 0);
  if (n1 === 0 || n2 === 0) return null;
  let total = 0;
  for (let i = 0; i < reference.length; i++) {
    const p = Math.max(reference[i] / n1, PSI_EPSILON);
    const q = Math.max(current[i] / n2, PSI_EPSILON);
    total += (q - p) * Math.log(q / p);
  }
  return total;
}

/** Two-sample KS statistic D = sup |F₁(x) − F₂(x)| from two ascending arrays. */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const x = Math.min(a[i], b[j]);
    while (i < a.length && a[i] === x) i++;
    while (j < b.length && b[j] === x) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  return d;
}

/**
 * Asymptotic p-value of the two-sample KS test with Stephens' small-sample correction:
 * λ = (√nₑ + 0.12 + 0.11/√nₑ)·D with nₑ = nm/(n + m), p = Q_KS(λ).
 */
export function ksPValue(d: number, n: number, m: number): number {
  const ne = (n * m) / (n + m);
  const s = Math.sqrt(ne);
  return kolmogorovQ((s + 0.12 + 0.11 / s) * d);
}

/** Q_KS(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²} (scipy `kolmogorov`), 1 for small λ. */
export function kolmogorovQ(lambda: number): number {
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let k = 1; k <= 100; k++) {
    const term = (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda);
    sum += term;
    if (Math.abs(term) < 1e-16 * Math.abs(sum)) break;
  }
  return Math.max(0, Math.min(1, 2 * sum));
}

/** Upper tail of χ² with `df` degrees of freedom: Q(df/2, x/2). */
export function chiSquareSf(x: number, df: number): number {
  if (x <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}

/** Regularised upper incomplete gamma Q(a, x): series for x < a + 1, continued fraction otherwise. */
export function gammaQ(a: number, x: number): number {
  if (x < a + 1) return 1 - gammaSeries(a, x);
  return gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let n = 0; n < 10_000; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * 1e-16) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function gammaContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** ln Γ(x), Lanczos approximation (g = 7, n = 9), accurate to ~1e-15. */
export function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < g + 2; i++) sum += c[i] / (z + i);
  const t = z + g + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * χ² test of homogeneity for two rows of counts over the same categories (no continuity
 * correction, scipy `chi2_contingency(correction=False)`), with Cramér's V as effect size.
 * Categories empty in both rows are left out of the degrees of freedom.
 */
export function chiSquareHomogeneity(
  a: readonly number[],
  b: readonly number[],
): { statistic: number; df: number; pValue: number; cramersV: number } | null {
  const na = a.reduce((x, y) => x + y, 0);
  const nb = b.reduce((x, y) => x + y, 0);
  const n = na + nb;
  let stat = 0;
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    const col = a[i] + b[i];
    if (col === 0) continue;
    k++;
    const ea = (na * col) / n;
    const eb = (nb * col) / n;
    stat += (a[i] - ea) ** 2 / ea + (b[i] - eb) ** 2 / eb;
  }
  if (na === 0 || nb === 0 || k < 2) return null;
  const df = k - 1;
  return { statistic: stat, df, pValue: chiSquareSf(stat, df), cramersV: Math.sqrt(stat / n) };
}
