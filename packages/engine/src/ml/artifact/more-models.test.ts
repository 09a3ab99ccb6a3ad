import { describe, expect, it } from 'vitest';
import { IsolationForest } from '../anomaly/isolation-forest.ts';
import { KMeans } from '../cluster/kmeans.ts';
import { PCA } from '../decomposition/pca.ts';
import { Matrix } from '../matrix.ts';
import { NaiveBayesClassifier } from '../naive-bayes/naive-bayes.ts';
import { KNeighborsClassifier, KNeighborsRegressor } from '../neighbors/knn.ts';
import { Preprocessor } from '../preprocess/preprocessor.ts';
import { loadArtifact, saveArtifact } from './artifact.ts';
import { Pipeline } from './pipeline.ts';

/** Serialisation of the models added to artifacts for the platform: same predictions after a JSON trip. */
const n = 60;
const X = Matrix.fromColumns([
  { name: 'a', kind: 'numeric', values: Array.from({ length: n }, (_, i) => Math.sin(i) * 3 + (i % 2) * 4) },
  {
    name: 'b',
    kind: 'numeric',
    values: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : Math.cos(i))),
  },
  { name: 'c', kind: 'categorical', values: Array.from({ length: n }, (_, i) => ['x', 'y', 'z'][i % 3]) },
]);
const y = Array.from({ length: n }, (_, i) => (i % 2 ? 'up' : 'down'));
const yNum = Array.from({ length: n }, (_, i) => i * 0.5 + (i % 2));
const trip = <T>(v: T): T => JSON.parse(JSON.stringify(v));

describe('artifact round trips', () => {
  it('keeps kNN classifier and regressor predictions', () => {
    const clf = new Pipeline(new KNeighborsClassifier({ k: 3 }), new Preprocessor()).fit(X, y);
    const again = loadArtifact(trip(saveArtifact(clf)));
    expect(Array.from(again.predictProba(X))).toEqual(Array.from(clf.predictProba(X)));
    const reg = new Pipeline(new KNeighborsRegressor({ k: 4, weights: 'distance' }), new Preprocessor()).fit(
      X,
      yNum,
    );
    expect(Array.from(loadArtifact(trip(saveArtifact(reg))).predict(X))).toEqual(Array.from(reg.predict(X)));
  });

  it('keeps naive Bayes probabilities, including unseen levels', () => {
    const nb = new Pipeline(new NaiveBayesClassifier()).fit(X, y);
    const again = loadArtifact(trip(saveArtifact(nb)));
    const Xq = Matrix.fromColumns([
      { name: 'a', kind: 'numeric', values: [1, null] },
      { name: 'b', kind: 'numeric', values: [0.5, 0.1] },
      { name: 'c', kind: 'categorical', values: ['y', 'never'] },
    ]);
    expect(Array.from(again.predictProba(Xq))).toEqual(Array.from(nb.predictProba(Xq)));
  });

  it('keeps k-means assignments, PCA projections and isolation forest scores', () => {
    const Z = new Preprocessor().fitTransform(X);
    const km = new KMeans({ k: 3, seed: 2 }).fit(Z);
    expect(Array.from(KMeans.fromJSON(trip(km.toJSON())).predict(Z))).toEqual(Array.from(km.predict(Z)));
    const pca = new PCA({ nComponents: 2 }).fit(Z);
    const back = PCA.fromJSON(trip(pca.toJSON())).transform(Z);
    expect(back.names).toEqual(['pc1', 'pc2']);
    expect(Array.from((back.columns[0] as { values: Float64Array }).values)).toEqual(
      Array.from((pca.transform(Z).columns[0] as { values: Float64Array }).values),
    );
    const iso = new IsolationForest({ nEstimators: 20, contamination: 0.1, seed: 1 }).fit(Z);
    const isoBack = IsolationForest.fromJSON(trip(iso.toJSON()));
    expect(Array.from(isoBack.scoreSamples(Z))).toEqual(Array.from(iso.scoreSamples(Z)));
    expect(isoBack.threshold).toBe(iso.threshold);
  });

  it('refuses malformed JSON with ML_ARTIFACT_INVALID', () => {
    expect(() => KMeans.fromJSON({ kind: 'kmeans', features: ['a'], centers: [1] } as never)).toThrow(
      expect.objectContaining({ code: 'ML_ARTIFACT_INVALID' }),
    );
    expect(() => NaiveBayesClassifier.fromJSON({ kind: 'nope' } as never)).toThrow(
      expect.objectContaining({ code: 'ML_ARTIFACT_INVALID' }),
    );
  });
});
