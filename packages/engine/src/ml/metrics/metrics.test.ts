import { describe, expect, it } from 'vitest';
import { MlError } from '../errors.ts';
import { Rng } from '../random.ts';
import {
  accuracy,
  averagePrecision,
  balancedAccuracy,
  binaryLogLoss,
  brierScore,
  calibrationCurve,
  confusionMatrix,
  logLoss,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  precisionRecallCurve,
  precisionRecallF1,
  r2Score,
  residualSummary,
  rmse,
  rocAuc,
  rocAucOvr,
  rocCurve,
  silhouetteScore,
} from './index.ts';

// Expected values are scikit-learn's documented examples unless noted.
describe('classification metrics', () => {
  const yTrue = [0, 1, 2, 0, 1, 2];
  const yPred = [0, 2, 1, 0, 0, 1];

  it('precision / recall / F1 averages', () => {
    expect(precisionRecallF1(yTrue, yPred, { average: 'macro' }).f1).toBeCloseTo(0.26666666666666666, 12);
    expect(precisionRecallF1(yTrue, yPred, { average: 'micro' }).f1).toBeCloseTo(1 / 3, 12);
    expect(precisionRecallF1(yTrue, yPred, { average: 'weighted' }).f1).toBeCloseTo(0.26666666666666666, 12);
    expect(precisionRecallF1(yTrue, yPred, { average: 'macro' }).precision).toBeCloseTo(
      0.2222222222222222,
      12,
    );
    expect(precisionRecallF1(yTrue, yPred, { average: 'macro' }).recall).toBeCloseTo(1 / 3, 12);
  });

  it('binary precision / recall / F1 on the positive class', () => {
    const r = precisionRecallF1([0, 1, 1, 1, 0, 0], [0, 1, 0, 1, 1, 0]);
    expect(r.precision).toBeCloseTo(2 / 3, 12);
    expect(r.recall).toBeCloseTo(2 / 3, 12);
    expect(r.f1).toBeCloseTo(2 / 3, 12);
    expect(r.support).toBe(3);
  });

  it('balanced accuracy', () => {
    expect(balancedAccuracy([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1])).toBeCloseTo(0.625, 12);
  });

  it('confusion matrix, accuracy', () => {
    const cm = confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]);
    expect(Array.from(cm.counts)).toEqual([2, 0, 0, 0, 0, 1, 1, 0, 2]);
    expect(accuracy([0, 1, 2, 3], [0, 2, 1, 3])).toBe(0.5);
  });

  it('rejects mismatched lengths and empty inputs', () => {
    expect(() => accuracy([0, 1], [0])).toThrow(MlError);
    expect(() => accuracy([], [])).toThrow(MlError);
  });
});

describe('ranking metrics', () => {
  const y = [0, 0, 1, 1];
  const s = [0.1, 0.4, 0.35, 0.8];

  it('ROC AUC and average precision known values', () => {
    expect(rocAuc(y, s)).toBeCloseTo(0.75, 12);
    expect(averagePrecision(y, s)).toBeCloseTo(0.8333333333333333, 12);
  });

  it('ROC curve matches scikit-learn', () => {
    const c = rocCurve(y, s);
    expect(Array.from(c.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(c.tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(Array.from(c.thresholds)).toEqual([Number.POSITIVE_INFINITY, 0.8, 0.4, 0.35, 0.1]);
  });

  it('PR curve matches scikit-learn 1.2', () => {
    const c = precisionRecallCurve(y, s);
    expect(Array.from(c.precision).map((v) => +v.toFixed(8))).toEqual([0.66666667, 0.5, 1, 1]);
    expect(Array.from(c.recall)).toEqual([1, 0.5, 0.5, 0]);
    expect(Array.from(c.thresholds)).toEqual([0.35, 0.4, 0.8]);
  });

  it('ties count one half', () => {
    expect(rocAuc([0, 1], [0.5, 0.5])).toBe(0.5);
    expect(rocAuc([0, 0, 1, 1], [0.2, 0.5, 0.5, 0.9])).toBeCloseTo(0.875, 12);
  });

  it('AUC equals the pairwise (Mann–Whitney) probability and flips with the score', () => {
    const rng = new Rng(1);
    const n = 300;
    const yy = new Float64Array(n);
    const ss = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      yy[i] = rng.next() < 0.3 ? 1 : 0;
      ss[i] = Math.round((yy[i] * 0.5 + rng.next()) * 20) / 20; // many ties
    }
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (yy[i] === 1 && yy[j] === 0) {
          pairs++;
          wins += ss[i] > ss[j] ? 1 : ss[i] === ss[j] ? 0.5 : 0;
        }
      }
    }
    const auc = rocAuc(yy, ss);
    expect(auc).toBeCloseTo(wins / pairs, 12);
    expect(
      rocAuc(
        yy,
        ss.map((v) => -v),
      ),
    ).toBeCloseTo(1 - auc, 12);
    expect(
      rocAuc(
        yy.map((v) => 1 - v),
        ss,
      ),
    ).toBeCloseTo(1 - auc, 12);
    expect(averagePrecision(yy, ss)).toBeGreaterThan(0);
    expect(averagePrecision(yy, ss)).toBeLessThanOrEqual(1);
  });

  it('AUC is NaN when one class is absent', () => {
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
  });

  it('one-vs-rest macro AUC averages per-class AUCs', () => {
    const yt = [0, 1, 2, 0, 1, 2];
    const p = [0.8, 0.1, 0.1, 0.3, 0.4, 0.3, 0.2, 0.5, 0.3, 0.6, 0.2, 0.2, 0.1, 0.3, 0.6, 0.1, 0.2, 0.7];
    const per = [0, 1, 2].map((k) =>
      rocAuc(
        yt.map((v) => (v === k ? 1 : 0)),
        yt.map((_, i) => p[i * 3 + k]),
      ),
    );
    expect(rocAucOvr(yt, p, 3)).toBeCloseTo((per[0] + per[1] + per[2]) / 3, 12);
  });
});

describe('probabilistic metrics', () => {
  it('log loss known value and clipping', () => {
    expect(logLoss([1, 0, 0, 1], [0.1, 0.9, 0.9, 0.1, 0.8, 0.2, 0.35, 0.65], 2)).toBeCloseTo(
      0.21616187468057912,
      12,
    );
    expect(binaryLogLoss([1, 0, 0, 1], [0.9, 0.1, 0.2, 0.65])).toBeCloseTo(0.21616187468057912, 12);
    const worst = binaryLogLoss([1], [0]);
    expect(Number.isFinite(worst)).toBe(true);
    expect(worst).toBeCloseTo(-Math.log(2.220446049250313e-16), 6);
  });

  it('Brier score', () => {
    expect(brierScore([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3])).toBeCloseTo(0.0375, 12);
  });

  it('calibration curve', () => {
    const c = calibrationCurve([0, 0, 0, 0, 1, 1, 1, 1, 1], [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1], {
      nBins: 3,
    });
    expect(Array.from(c.probTrue)).toEqual([0, 0.5, 1]);
    expect(c.probPred[0]).toBeCloseTo(0.2, 12);
    expect(c.probPred[1]).toBeCloseTo(0.525, 12);
    expect(c.probPred[2]).toBeCloseTo(0.85, 12);
  });
});

describe('regression metrics', () => {
  const yt = [3, -0.5, 2, 7];
  const yp = [2.5, 0.0, 2, 8];

  it('known values', () => {
    expect(r2Score(yt, yp)).toBeCloseTo(0.9486081370449679, 12);
    expect(meanAbsoluteError(yt, yp)).toBeCloseTo(0.5, 12);
    expect(meanSquaredError(yt, yp)).toBeCloseTo(0.375, 12);
    expect(rmse(yt, yp)).toBeCloseTo(Math.sqrt(0.375), 12);
    expect(meanAbsolutePercentageError(yt, yp)).toBeCloseTo(0.3273809523809524, 12);
  });

  it('R² of a constant target follows force_finite', () => {
    expect(r2Score([1, 1], [1, 1])).toBe(1);
    expect(r2Score([1, 1], [1, 2])).toBe(0);
  });

  it('residual summary', () => {
    const s = residualSummary(yt, yp);
    expect(s.mean).toBeCloseTo(-0.25, 12);
    expect(s.min).toBe(-1);
    expect(s.max).toBe(0.5);
    expect(s.maxAbs).toBe(1);
    expect(s.median).toBeCloseTo(-0.25, 12);
  });
});

describe('silhouette', () => {
  it('hand-computed two-cluster value', () => {
    const s = silhouetteScore([0, 1, 10, 11], 1, [0, 0, 1, 1]);
    expect(s).toBeCloseTo((9.5 / 10.5 + 8.5 / 9.5) / 2, 12);
  });

  it('is bounded and rejects a single cluster', () => {
    const s = silhouetteScore([0, 5, 1, 6, 2, 7], 1, [0, 1, 1, 0, 0, 1]);
    expect(s).toBeGreaterThanOrEqual(-1);
    expect(s).toBeLessThanOrEqual(1);
    expect(() => silhouetteScore([0, 1, 2], 1, [0, 0, 0])).toThrow(MlError);
  });
});
