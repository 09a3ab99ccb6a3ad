import { MlError } from '../errors.ts';
import type { Matrix } from '../matrix.ts';
import type { Preprocessor } from '../preprocess/preprocessor.ts';
import type { SupervisedFitOptions } from '../supervised.ts';
import type { TargetValues } from '../target.ts';

/** What every supervised model in the library offers. */
export interface SupervisedModel {
  fit(X: Matrix, y: TargetValues, opts?: SupervisedFitOptions): unknown;
  /** Class codes (classifiers) or values (regressors). */
  predict(X: Matrix): Int32Array | Float64Array;
  toJSON(): { kind: string };
}

export interface ClassifierModel extends SupervisedModel {
  predictProba(X: Matrix): Float64Array;
  readonly classes: readonly string[];
  predict(X: Matrix): Int32Array;
}

export function isClassifier(m: SupervisedModel): m is ClassifierModel {
  return typeof (m as ClassifierModel).predictProba === 'function';
}

/**
 * A preprocessor (optional) and a model fitted and applied together, so the preprocessing is
 * always learned from the same training rows as the model and travels with it in the artifact.
 *
 * ### Example
 * ```ts
 * const pipe = new Pipeline(new LogisticRegression(), new Preprocessor()).fit(X, y);
 * const artifact = saveArtifact(pipe, { target: 'churned' });
 * const again = loadArtifact(JSON.parse(JSON.stringify(artifact)));
 * ```
 */
export class Pipeline<M extends SupervisedModel = SupervisedModel> {
  private inputSchema: { name: string; kind: string }[] | null = null;

  constructor(
    readonly model: M,
    readonly preprocessor: Preprocessor | null = null,
  ) {}

  fit(X: Matrix, y: TargetValues, opts: SupervisedFitOptions = {}): this {
    const Xm = this.preprocessor === null ? X : this.preprocessor.fitTransform(X, y);
    this.model.fit(Xm, y, opts);
    this.inputSchema = X.columns.map((c) => ({ name: c.name, kind: c.kind }));
    return this;
  }

  /** The columns (name and kind) the pipeline was fitted on. */
  get schema(): { name: string; kind: string }[] {
    if (this.inputSchema === null) throw new MlError('ML_NOT_FITTED');
    return this.inputSchema.map((c) => ({ ...c }));
  }

  /** @internal used by `loadArtifact`. */
  restoreSchema(schema: { name: string; kind: string }[]): void {
    this.inputSchema = schema.map((c) => ({ ...c }));
  }

  get task(): 'classification' | 'regression' {
    return isClassifier(this.model) ? 'classification' : 'regression';
  }

  transform(X: Matrix): Matrix {
    return this.preprocessor === null ? X : this.preprocessor.transform(X);
  }

  predict(X: Matrix): Int32Array | Float64Array {
    return this.model.predict(this.transform(X));
  }

  predictProba(X: Matrix): Float64Array {
    if (!isClassifier(this.model)) throw new MlError('ML_BAD_PARAM', 'predictProba needs a classifier');
    return this.model.predictProba(this.transform(X));
  }

  get classes(): readonly string[] {
    if (!isClassifier(this.model)) throw new MlError('ML_BAD_PARAM', 'A regression model has no classes');
    return this.model.classes;
  }
}
