import { describe, expect, it } from 'vitest';
import { loadArtifact, saveArtifact } from '../artifact/artifact.ts';
import { Pipeline } from '../artifact/pipeline.ts';
import { Matrix } from '../matrix.ts';
import { accuracy, r2Score, rocAuc } from '../metrics/index.ts';
import { Rng } from '../random.ts';
import { DecisionTreeClassifier, DecisionTreeRegressor } from './decision-tree.ts';
import {
  ExtraTreesClassifier,
  ExtraTreesRegressor,
  RandomForestClassifier,
  RandomForestRegressor,
} from './forest.ts';

const rng = new Rng(1);
const n = 600;
const a = Float64Array.from({ length: n }, () => rng.next() * 2 - 1);
const b = Float64Array.from({ length: n }, () => rng.next() * 2 - 1);
const noise = Float64Array.from({ length: n }, () => rng.normal());
const X = Matrix.fromColumns([
  { name: 'a', kind: 'numeric', values: a },
  { name: 'b', kind: 'numeric', values: b },
  { name: 'noise', kind: 'numeric', values: noise },
]);
const yXor = Array.from(a, (v, i) => (v > 0 !== b[i] > 0 ? 'x' : 'o'));
const train = Array.from({ length: 400 }, (_, i) => i);
const test = Array.from({ length: 200 }, (_, i) => 400 + i);
const Xtr = X.take(train);
const Xte = X.take(test);

describe('DecisionTreeClassifier', () => {
  it('fits the training data exactly when grown fully and learns XOR', () => {
    const dt = new DecisionTreeClassifier().fit(
      Xtr,
      train.map((i) => yXor[i]),
    );
    expect(
      accuracy(
        train.map((i) => (yXor[i] === 'x' ? 1 : 0)),
        dt.predict(Xtr).map((k) => (dt.classes[k] === 'x' ? 1 : 0)),
      ),
    ).toBe(1);
    const pred = dt.predictLabels(Xte);
    expect(pred.filter((p, j) => p === yXor[test[j]]).length / test.length).toBeGreaterThan(0.9);
  });

  it('exports readable rules that reproduce its predictions', () => {
    const dt = new DecisionTreeClassifier({ maxDepth: 2 }).fit(
      Xtr,
      train.map((i) => yXor[i]),
    );
    const rules = dt.rules();
    expect(rules.length).toBeLessThanOrEqual(4);
    expect(rules.reduce((s, r) => s + r.samples, 0)).toBe(400);
    const text = dt.rulesText('label');
    expect(text[0]).toMatch(/^if [ab] <= -?\d/);
    expect(text[0]).toMatch(/then label = [xo] \(p = \d\.\d\d, n = \d+\)$/);
  });

  it('writes categorical splits as level sets', () => {
    const c = Array.from({ length: 200 }, (_, i) => ['red', 'green', 'blue', 'pink'][i % 4]);
    const y = c.map((v) => (v === 'red' || v === 'pink' ? 'hot' : 'cold'));
    const Xc = Matrix.fromColumns([{ name: 'colour', kind: 'categorical', values: c }]);
    const dt = new DecisionTreeClassifier().fit(Xc, y);
    expect(dt.rulesText()).toHaveLength(2);
    expect(dt.rulesText().join('\n')).toMatch(
      /colour in \{(pink, red|red, pink)\}|colour in \{(blue, green|green, blue)\}/,
    );
  });
});

describe('forests', () => {
  it('random forest beats a single tree on held-out XOR data and reports OOB accuracy', () => {
    const rf = new RandomForestClassifier({ nEstimators: 60, oobScore: true, seed: 3 }).fit(
      Xtr,
      train.map((i) => yXor[i]),
    );
    const p = rf.predictProba(Xte);
    const k = rf.classes.indexOf('x');
    const auc = rocAuc(
      test.map((i) => (yXor[i] === 'x' ? 1 : 0)),
      test.map((_, j) => p[2 * j + k]),
    );
    expect(auc).toBeGreaterThan(0.95);
    expect(rf.oobScore).toBeGreaterThan(0.85);
    for (let j = 0; j < test.length; j++) expect(p[2 * j] + p[2 * j + 1]).toBeCloseTo(1, 12);
    const imp = rf.featureImportance();
    expect(imp.find((f) => f.feature === 'noise')!.importance).toBeLessThan(
      imp.find((f) => f.feature === 'a')!.importance,
    );
  });

  it('regressors fit a smooth function; extra trees too', () => {
    const y = Array.from(a, (v, i) => Math.sin(3 * v) + b[i] * b[i]);
    for (const m of [
      new RandomForestRegressor({ nEstimators: 40, oobScore: true }),
      new ExtraTreesRegressor({ nEstimators: 40 }),
    ]) {
      m.fit(
        Xtr,
        train.map((i) => y[i]),
      );
      expect(
        r2Score(
          test.map((i) => y[i]),
          m.predict(Xte),
        ),
      ).toBeGreaterThan(0.8);
    }
    const et = new ExtraTreesClassifier({ nEstimators: 40 }).fit(
      Xtr,
      train.map((i) => yXor[i]),
    );
    expect(et.predictLabels(Xte).filter((p, j) => p === yXor[test[j]]).length / test.length).toBeGreaterThan(
      0.85,
    );
    const dr = new DecisionTreeRegressor({ maxDepth: 3 }).fit(
      Xtr,
      train.map((i) => y[i]),
    );
    expect(dr.rules().length).toBeLessThanOrEqual(8);
  });

  it('is deterministic per seed and round-trips through an artifact', () => {
    const p1 = new RandomForestClassifier({ nEstimators: 20, seed: 5 })
      .fit(
        Xtr,
        train.map((i) => yXor[i]),
      )
      .predictProba(Xte);
    const rf = new RandomForestClassifier({ nEstimators: 20, seed: 5 });
    const pipe = new Pipeline(rf).fit(
      Xtr,
      train.map((i) => yXor[i]),
    );
    expect(pipe.predictProba(Xte)).toEqual(p1);
    const again = loadArtifact(JSON.parse(JSON.stringify(saveArtifact(pipe))));
    expect(again.predictProba(Xte)).toEqual(p1);
    const other = new RandomForestClassifier({ nEstimators: 20, seed: 6 })
      .fit(
        Xtr,
        train.map((i) => yXor[i]),
      )
      .predictProba(Xte);
    expect(other).not.toEqual(p1);
  });

  it('handles missing values and rejects bad parameters', () => {
    const withNaN = Matrix.fromColumns([
      { name: 'a', kind: 'numeric', values: Array.from(a, (v, i) => (i % 5 === 0 ? Number.NaN : v)) },
    ]);
    const y = Array.from(a, (v, i) => (i % 5 === 0 ? 'missing' : v > 0 ? 'pos' : 'neg'));
    const rf = new RandomForestClassifier({ nEstimators: 10 }).fit(withNaN, y);
    expect(rf.predictLabels(withNaN).filter((p, i) => p === y[i]).length / n).toBeGreaterThan(0.95);
    expect(() => new RandomForestClassifier({ nEstimators: 0 })).toThrow(
      expect.objectContaining({ code: 'ML_BAD_PARAM' }),
    );
    expect(() => new RandomForestClassifier({ oobScore: true, bootstrap: false })).toThrow(
      expect.objectContaining({ code: 'ML_BAD_PARAM' }),
    );
    expect(() => new RandomForestRegressor({ criterion: 'gini' })).toThrow(
      expect.objectContaining({ code: 'ML_BAD_PARAM' }),
    );
  });
});

describe('categories a split never saw', () => {
  it('follow the larger child, not whichever side the category sort left them on', () => {
    // 90 rows of group g0 (y = 0) and 10 of g1 (y = 100): the root splits g0 | g1, and g1 has
    // the higher mean, so a sorted split puts it (and, before, every unseen level) on the right.
    const g = Array.from({ length: 100 }, (_, i) => (i < 90 ? 'g0' : 'g1'));
    const y = Float64Array.from(g, (v) => (v === 'g0' ? 0 : 100));
    const Xg = Matrix.fromColumns([{ name: 'g', kind: 'categorical', values: g }]);
    const unseen = Matrix.fromColumns([{ name: 'g', kind: 'categorical', values: ['g9', null] }]);
    const tree = new DecisionTreeRegressor({ seed: 1 }).fit(Xg, y);
    expect(Array.from(tree.predict(unseen))).toEqual([0, 0]);
    const forest = new RandomForestRegressor({ seed: 1, nEstimators: 20 }).fit(Xg, y);
    for (const p of forest.predict(unseen)) expect(p).toBeLessThan(20);
  });
});
