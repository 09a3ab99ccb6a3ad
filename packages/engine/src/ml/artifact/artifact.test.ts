import { describe, expect, it } from 'vitest';
import { GbdtClassifier } from '../gbdt/gbdt-classifier.ts';
import { GbdtRegressor } from '../gbdt/gbdt-regressor.ts';
import { LinearRegression } from '../linear/linear-regression.ts';
import { LogisticRegression } from '../linear/logistic-regression.ts';
import { Matrix } from '../matrix.ts';
import { Preprocessor } from '../preprocess/preprocessor.ts';
import { Rng } from '../random.ts';
import { ARTIFACT_FORMAT_VERSION, loadArtifact, saveArtifact } from './artifact.ts';
import { Pipeline } from './pipeline.ts';

const rng = new Rng(1);
const n = 300;
const X = Matrix.fromColumns([
  {
    name: 'num',
    kind: 'numeric',
    values: Array.from({ length: n }, () => (rng.next() < 0.1 ? null : rng.normal())),
  },
  {
    name: 'cat',
    kind: 'categorical',
    values: Array.from({ length: n }, () => ['a', 'b', 'c', null][rng.nextInt(4)]),
  },
  {
    name: 'when',
    kind: 'datetime',
    values: Array.from({ length: n }, () => 1.7e12 + rng.nextInt(1e9) * 1000),
  },
]);
const yClass = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'yes' : 'no'));
const yReg = Array.from({ length: n }, (_, i) => i / 10 + rng.normal());

function roundTrip(p: Pipeline): Pipeline {
  return loadArtifact(JSON.parse(JSON.stringify(saveArtifact(p, { target: 'y', metrics: { auc: 0.9 } }))));
}

describe('model artifacts', () => {
  it('round-trip every model kind with identical predictions', () => {
    const pipes: Pipeline[] = [
      new Pipeline(new GbdtClassifier({ maxIter: 10 })).fit(X.without(['when']), yClass),
      new Pipeline(new GbdtRegressor({ maxIter: 10 })).fit(X.without(['when']), yReg),
      new Pipeline(new LogisticRegression(), new Preprocessor()).fit(X, yClass),
      new Pipeline(new LinearRegression({ penalty: 'l2' }), new Preprocessor({ scale: 'robust' })).fit(
        X,
        yReg,
      ),
    ];
    for (const p of pipes) {
      const q = roundTrip(p);
      const Xp = p.preprocessor === null ? X.without(['when']) : X;
      expect(q.predict(Xp)).toEqual(p.predict(Xp));
      expect(q.task).toBe(p.task);
      if (p.task === 'classification') expect(q.predictProba(Xp)).toEqual(p.predictProba(Xp));
    }
  });

  it('records schema, classes, target and metrics', () => {
    const p = new Pipeline(new LogisticRegression(), new Preprocessor()).fit(X, yClass);
    const a = saveArtifact(p, { target: 'churned', metrics: { auc: 0.8 } });
    expect(a.formatVersion).toBe(ARTIFACT_FORMAT_VERSION);
    expect(a.schema).toEqual([
      { name: 'num', kind: 'numeric' },
      { name: 'cat', kind: 'categorical' },
      { name: 'when', kind: 'datetime' },
    ]);
    expect(a.classes).toEqual(['no', 'yes']);
    expect(a.target).toBe('churned');
    expect(a.metrics).toEqual({ auc: 0.8 });
  });

  it('refuses future and malformed artifacts with typed errors', () => {
    const p = new Pipeline(new LinearRegression(), new Preprocessor()).fit(X, yReg);
    const a = saveArtifact(p);
    expect(() => loadArtifact({ ...a, formatVersion: ARTIFACT_FORMAT_VERSION + 1 })).toThrow(
      expect.objectContaining({ code: 'ML_ARTIFACT_VERSION' }),
    );
    expect(() => loadArtifact({ ...a, formatVersion: undefined })).toThrow(
      expect.objectContaining({ code: 'ML_ARTIFACT_INVALID' }),
    );
    expect(() => loadArtifact({ ...a, model: { kind: 'nope' } })).toThrow(
      expect.objectContaining({ code: 'ML_ARTIFACT_INVALID' }),
    );
    expect(() => loadArtifact('garbage')).toThrow(expect.objectContaining({ code: 'ML_ARTIFACT_INVALID' }));
  });
});
