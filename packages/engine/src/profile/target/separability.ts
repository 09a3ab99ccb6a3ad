import type { SampleColumn } from '../correlation/sample.ts';

/**
 * Share of rows whose target equals the most frequent target of their feature level: the
 * accuracy of predicting the target by table lookup. `null` when the feature has too many
 * levels for that to mean anything (more than a tenth of the rows), or when always
 * predicting the majority class would already score as high.
 */
export function lookupAccuracy(f: SampleColumn, y: SampleColumn): number | null {
  const lf = f.levels;
  const ly = y.levels;
  if (lf === 0 || ly < 2 || lf * ly > 50_000_000) return null;
  const table = new Float64Array(lf * ly);
  const classCounts = new Float64Array(ly);
  let n = 0;
  for (let i = 0; i < f.values.length; i++) {
    const a = f.values[i];
    const b = y.values[i];
    if (a >= 0 && b >= 0) {
      table[a * ly + b]++;
      classCounts[b]++;
      n++;
    }
  }
  if (n === 0 || lf > n / 10) return null;
  let correct = 0;
  for (let a = 0; a < lf; a++) {
    let best = 0;
    for (let b = 0; b < ly; b++) best = Math.max(best, table[a * ly + b]);
    correct += best;
  }
  const baseline = Math.max(...classCounts) / n;
  const accuracy = correct / n;
  return accuracy > baseline ? accuracy : null;
}

/**
 * Area under the ROC curve of a numeric feature for a 0/1 target (Mann–Whitney U with tied
 * values sharing their average rank). `order` lists the rows of non-NaN `x` in ascending
 * order; rows with a missing target are skipped.
 */
export function binaryAuc(x: Float64Array, order: Uint32Array, y: Float64Array): number | null {
  let pos = 0;
  let n1 = 0;
  let n0 = 0;
  let rankSum1 = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    let members = 0;
    let ones = 0;
    while (j < order.length && x[order[j]] === x[order[i]]) {
      const t = y[order[j]];
      if (t >= 0) {
        members++;
        if (t === 1) ones++;
      }
      j++;
    }
    rankSum1 += ones * (pos + (members + 1) / 2);
    n1 += ones;
    n0 += members - ones;
    pos += members;
    i = j;
  }
  if (n1 === 0 || n0 === 0) return null;
  return (rankSum1 - (n1 * (n1 + 1)) / 2) / (n1 * n0);
}
