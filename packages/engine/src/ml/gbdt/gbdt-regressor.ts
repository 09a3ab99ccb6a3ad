import { checkParam, MlError } from '../errors.ts';
import type { Matrix } from '../matrix.ts';
import { prepareRegression } from '../supervised.ts';
import type { TargetValues } from '../target.ts';
import { fitEnsemble, type PredictOptions } from './ensemble.ts';
import { GbdtBase, type GbdtFitOptions, type GbdtStateJson } from './gbdt-base.ts';
import { makeObjective } from './objectives.ts';
import { type GbdtParams, resolveGbdtParams } from './params.ts';

export type RegressionObjective = 'squared_error' | 'absolute_error' | 'huber' | 'poisson';

export interface GbdtRegressorParams extends GbdtParams {
  objective: RegressionObjective;
  /** Huber: quantile of |residual| used as δ each iteration. */
  huberQuantile: number;
}

export interface GbdtRegressorJson extends GbdtStateJson {
  kind: 'gbdt_regressor';
  objective: RegressionObjective;
  huberQuantile: number;
}

const OBJECTIVES: readonly RegressionObjective[] = ['squared_error', 'absolute_error', 'huber', 'poisson'];

/**
 * Histogram gradient-boosted trees for regression (squared error by default; absolute error,
 * Huber and Poisson with a log link).
 *
 * ### Example
 * ```ts
 * const reg = new GbdtRegressor({ objective: 'poisson' }).fit(X, counts);
 * const yhat = reg.predict(Xnew);
 * ```
 */
export class GbdtRegressor extends GbdtBase {
  readonly objective: RegressionObjective;
  readonly huberQuantile: number;

  constructor(params: Partial<GbdtRegressorParams> = {}) {
    const { objective, huberQuantile, ...rest } = params;
    super(resolveGbdtParams(rest));
    this.objective = objective ?? 'squared_error';
    this.huberQuantile = huberQuantile ?? 0.9;
    checkParam(OBJECTIVES.includes(this.objective), 'objective', OBJECTIVES.join(' | '), this.objective);
    checkParam(
      this.huberQuantile > 0 && this.huberQuantile < 1,
      'huberQuantile',
      'in (0, 1)',
      this.huberQuantile,
    );
  }

  fit(X: Matrix, y: TargetValues, opts: GbdtFitOptions = {}): this {
    const prep = prepareRegression(X, y, { sampleWeight: opts.sampleWeight });
    const objective = makeObjective(this.objective, { huberQuantile: this.huberQuantile });
    const r = fitEnsemble(prep.X, prep.y, prep.weights, objective, this.params, null, opts);
    this.ensemble = r.ensemble;
    this.info = {
      nIterations: r.history.nIterations,
      validationLoss: r.history.validationLoss,
      trainLoss: r.history.trainLoss,
      warnings: [...prep.warnings, ...r.warnings],
    };
    return this;
  }

  /** Predictions on the target's scale (Poisson: e^raw). */
  predict(X: Matrix, opts: PredictOptions = {}): Float64Array {
    const raw = this.predictRaw(X, opts);
    if (this.objective === 'poisson') for (let i = 0; i < raw.length; i++) raw[i] = Math.exp(raw[i]);
    return raw;
  }

  toJSON(): GbdtRegressorJson {
    return {
      kind: 'gbdt_regressor',
      objective: this.objective,
      huberQuantile: this.huberQuantile,
      ...this.stateToJson(),
    };
  }

  static fromJSON(j: GbdtRegressorJson): GbdtRegressor {
    if (j?.kind !== 'gbdt_regressor') throw new MlError('ML_ARTIFACT_INVALID', 'Not a GBDT regressor');
    const m = new GbdtRegressor({ ...j.params, objective: j.objective, huberQuantile: j.huberQuantile });
    m.loadState(j);
    return m;
  }
}
