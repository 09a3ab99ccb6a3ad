import { MlError, type MlWarning } from '../errors.ts';
import type { Matrix } from '../matrix.ts';
import type { BoostHooks } from './boosting.ts';
import {
  ensembleFromJson,
  ensembleImportance,
  ensembleToJson,
  type FeatureImportance,
  type GbdtEnsemble,
  type GbdtEnsembleJson,
  type PredictOptions,
  predictEnsembleRaw,
} from './ensemble.ts';
import type { GbdtParams } from './params.ts';

export interface GbdtFitOptions extends BoostHooks {
  /** Per-row weights (finite, ≥ 0), aligned with the rows of X. */
  sampleWeight?: ArrayLike<number>;
}

/** What a fit leaves behind besides the trees. */
export interface GbdtFitInfo {
  readonly nIterations: number;
  /** Validation loss before the first tree and after each iteration (when early stopping ran). */
  readonly validationLoss: readonly number[];
  readonly trainLoss: readonly number[];
  readonly warnings: readonly MlWarning[];
}

export interface GbdtStateJson {
  params: GbdtParams;
  ensemble: GbdtEnsembleJson;
  info: { nIterations: number; validationLoss: number[]; trainLoss: number[]; warnings: MlWarning[] };
}

/** Shared part of the GBDT classifier and regressor: the fitted ensemble and its accessors. */
export abstract class GbdtBase {
  protected ensemble: GbdtEnsemble | null = null;
  protected info: GbdtFitInfo | null = null;

  constructor(readonly params: GbdtParams) {}

  get isFitted(): boolean {
    return this.ensemble !== null;
  }

  get fitInfo(): GbdtFitInfo {
    this.fitted();
    return this.info!;
  }

  get warnings(): readonly MlWarning[] {
    return this.info?.warnings ?? [];
  }

  /** Training feature names, in model order. */
  get featureNames(): string[] {
    return this.fitted().features.map((f) => f.name);
  }

  /** The fitted trees and binning, e.g. for TreeSHAP. */
  get model(): GbdtEnsemble {
    return this.fitted();
  }

  /** Raw scores (log-odds, class logits, or the regression value), row-major n×outputs. */
  predictRaw(X: Matrix, opts: PredictOptions = {}): Float64Array {
    return predictEnsembleRaw(this.fitted(), X, opts);
  }

  featureImportance(kind: 'gain' | 'split' = 'gain'): FeatureImportance[] {
    return ensembleImportance(this.fitted(), kind);
  }

  protected fitted(): GbdtEnsemble {
    if (this.ensemble === null) throw new MlError('ML_NOT_FITTED');
    return this.ensemble;
  }

  protected stateToJson(): GbdtStateJson {
    const info = this.fitInfo;
    return {
      params: { ...this.params },
      ensemble: ensembleToJson(this.fitted()),
      info: {
        nIterations: info.nIterations,
        validationLoss: [...info.validationLoss],
        trainLoss: [...info.trainLoss],
        warnings: [...info.warnings],
      },
    };
  }

  protected loadState(j: GbdtStateJson): void {
    this.ensemble = ensembleFromJson(j.ensemble);
    this.info = {
      nIterations: j.info?.nIterations ?? 0,
      validationLoss: j.info?.validationLoss ?? [],
      trainLoss: j.info?.trainLoss ?? [],
      warnings: j.info?.warnings ?? [],
    };
  }
}
