import { MlError } from '../errors.ts';
import type { Matrix } from '../matrix.ts';

/** A dense, finite, row-major design matrix for the linear models. */
export interface Design {
  readonly data: Float64Array;
  readonly n: number;
  readonly p: number;
  readonly names: readonly string[];
}

/**
 * Numeric columns of `X` (in `names` order, default all) as a dense n×p matrix. Linear models
 * need finite numbers: categorical columns and NaN/±Inf are rejected with a pointer to the
 * preprocessing pipeline, which imputes and encodes.
 */
export function toDesign(X: Matrix, names: readonly string[] = X.names): Design {
  const n = X.nRows;
  const p = names.length;
  const data = new Float64Array(n * p);
  for (let j = 0; j < p; j++) {
    const c = X.column(names[j]);
    if (c.kind === 'categorical') {
      throw new MlError(
        'ML_FEATURE_KIND_MISMATCH',
        `Column "${c.name}" is categorical; encode it first (e.g. a Preprocessor with one-hot encoding)`,
        { column: c.name },
      );
    }
    const v = c.values;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (!Number.isFinite(x)) {
        throw new MlError(
          'ML_NON_FINITE',
          `Column "${c.name}" has a missing or infinite value at row ${i}; impute it first (e.g. a Preprocessor)`,
          { column: c.name, row: i },
        );
      }
      data[i * p + j] = x;
    }
  }
  return { data, n, p, names: [...names] };
}
