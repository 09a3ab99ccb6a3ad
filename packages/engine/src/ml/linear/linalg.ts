/**
 * Small dense linear algebra on row-major Float64Arrays (p × p systems for p up to a few
 * thousand). Formulas follow Golub & Van Loan.
 */

/**
 * Cholesky factor L (lower, row-major) of a symmetric positive-definite A = L Lᵀ, or null when A
 * is not numerically positive definite (a pivot ≤ ε·max diag).
 */
export function cholesky(A: Float64Array, p: number): Float64Array | null {
  const L = new Float64Array(p * p);
  let maxDiag = 0;
  for (let i = 0; i < p; i++) maxDiag = Math.max(maxDiag, Math.abs(A[i * p + i]));
  const eps = 1e-12 * Math.max(maxDiag, 1e-300);
  for (let j = 0; j < p; j++) {
    let d = A[j * p + j];
    for (let k = 0; k < j; k++) d -= L[j * p + k] * L[j * p + k];
    if (!(d > eps)) return null;
    const ljj = Math.sqrt(d);
    L[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = A[i * p + j];
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
      L[i * p + j] = s / ljj;
    }
  }
  return L;
}

/** Solve L Lᵀ x = b given the Cholesky factor L. */
export function choleskySolve(L: Float64Array, p: number, b: Float64Array): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * p + k] * y[k];
    y[i] = s / L[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k];
    x[i] = s / L[i * p + i];
  }
  return x;
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: A = V diag(λ) Vᵀ, with
 * V's columns the eigenvectors (row-major p × p). Robust for the small Gram matrices here.
 */
export function symmetricEigen(
  A: Float64Array,
  p: number,
  maxSweeps = 100,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(A);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += a[i * p + j] ** 2;
    if (off < 1e-30) break;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const aij = a[i * p + j];
        if (Math.abs(aij) < 1e-300) continue;
        // Rotation angle that zeroes a_ij: tan 2θ = 2 a_ij / (a_jj − a_ii).
        const theta = (a[j * p + j] - a[i * p + i]) / (2 * aij);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < p; k++) {
          const aki = a[k * p + i];
          const akj = a[k * p + j];
          a[k * p + i] = c * aki - s * akj;
          a[k * p + j] = s * aki + c * akj;
        }
        for (let k = 0; k < p; k++) {
          const aik = a[i * p + k];
          const ajk = a[j * p + k];
          a[i * p + k] = c * aik - s * ajk;
          a[j * p + k] = s * aik + c * ajk;
        }
        for (let k = 0; k < p; k++) {
          const vki = v[k * p + i];
          const vkj = v[k * p + j];
          v[k * p + i] = c * vki - s * vkj;
          v[k * p + j] = s * vki + c * vkj;
        }
      }
    }
  }
  const values = new Float64Array(p);
  for (let i = 0; i < p; i++) values[i] = a[i * p + i];
  return { values, vectors: v };
}

/**
 * Minimum-norm solution of A x = b for symmetric positive semi-definite A (the normal equations
 * of a rank-deficient least-squares problem), through the pseudo-inverse: eigenvalues below
 * `rcond · λ_max` are treated as zero, as numpy's `lstsq`.
 */
export function pseudoSolve(
  A: Float64Array,
  p: number,
  b: Float64Array,
  rcond = 1e-12,
): { x: Float64Array; rank: number } {
  const { values, vectors } = symmetricEigen(A, p);
  let max = 0;
  for (let i = 0; i < p; i++) max = Math.max(max, values[i]);
  const x = new Float64Array(p);
  let rank = 0;
  for (let k = 0; k < p; k++) {
    if (values[k] <= rcond * max) continue;
    rank++;
    let proj = 0;
    for (let i = 0; i < p; i++) proj += vectors[i * p + k] * b[i];
    const w = proj / values[k];
    for (let i = 0; i < p; i++) x[i] += w * vectors[i * p + k];
  }
  return { x, rank };
}
