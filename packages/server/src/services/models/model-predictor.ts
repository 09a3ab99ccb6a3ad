import { UamError } from '../../errors/index.ts';
import {
  type CellValue,
  type ColumnInput,
  IsolationForest,
  type IsolationForestJson,
  KMeans,
  type KMeansJson,
  loadArtifact,
  Matrix,
  type MatrixColumnKind,
  PCA,
  type PcaJson,
  type Pipeline,
  Preprocessor,
  type PreprocessorJson,
} from './model-engine.ts';
import { toPredictError } from './model-errors.ts';
import { UNSUPERVISED_ARTIFACT } from './train-model.ts';

export interface Prediction {
  prediction: string | number | number[] | null;
  probabilities?: Record<string, number>;
  /** Isolation forests: the anomaly score in (0, 1]. */
  score?: number;
}

export interface PredictOutcome {
  predictions: Prediction[];
  /** Columns the model needs that no row had: predicted as missing values. */
  missingColumns: string[];
  /** Columns of the rows the model does not use (ignored). */
  ignoredColumns: string[];
}

/**
 * A loaded model ready to predict JSON rows. Policy for rows that do not match training: a
 * column absent from every row is all missing (models handle missing values; reported in
 * `missingColumns`); a key missing from one row is a missing value; extra keys are ignored;
 * unseen categories follow the model (trees send them down the missing branch, one-hot encodes
 * them as all zeros); a value of the wrong type (text in a numeric column) is MODEL_INPUT_INVALID.
 */
export class LoadedModel {
  private constructor(
    readonly schema: ReadonlyArray<{ name: string; kind: string }>,
    private readonly run: (X: Matrix) => Prediction[],
    /** Rough in-memory size, for the cache. */
    readonly bytes: number,
  ) {}

  static fromArtifact(json: unknown, bytes: number): LoadedModel {
    try {
      const a = json as {
        format?: string;
        algorithm?: string;
        schema?: Array<{ name: string; kind: string }>;
      };
      if (a?.format === UNSUPERVISED_ARTIFACT)
        return LoadedModel.unsupervised(json as UnsupervisedArtifact, bytes);
      const pipeline = loadArtifact(json);
      return new LoadedModel(pipeline.schema, (X) => supervised(pipeline, X), bytes);
    } catch (e) {
      throw toPredictError(e);
    }
  }

  predict(rows: ReadonlyArray<Record<string, unknown>>): PredictOutcome {
    const seen = new Set<string>();
    for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
    const used = new Set(this.schema.map((c) => c.name));
    const missingColumns = this.schema.filter((c) => !seen.has(c.name)).map((c) => c.name);
    const ignoredColumns = [...seen].filter((k) => !used.has(k));
    try {
      const X = Matrix.fromColumns(
        this.schema.map(
          (c): ColumnInput => ({
            name: c.name,
            kind: c.kind as MatrixColumnKind,
            values: rows.map((r) => cell(r[c.name], c.name)),
          }),
        ),
      );
      return { predictions: this.run(X), missingColumns, ignoredColumns };
    } catch (e) {
      throw toPredictError(e);
    }
  }

  private static unsupervised(a: UnsupervisedArtifact, bytes: number): LoadedModel {
    if (a.formatVersion !== 1 || !Array.isArray(a.schema)) {
      throw new UamError('MODEL_ARTIFACT_INVALID', 'Unknown unsupervised artifact format', {
        formatVersion: a.formatVersion,
      });
    }
    const pre = Preprocessor.fromJSON(a.preprocessor);
    const m = a.model as { kind?: string };
    let run: (X: Matrix) => Prediction[];
    if (m.kind === 'kmeans') {
      const km = KMeans.fromJSON(a.model as KMeansJson);
      run = (X) => Array.from(km.predict(pre.transform(X)), (c) => ({ prediction: c }));
    } else if (m.kind === 'pca') {
      const pca = PCA.fromJSON(a.model as PcaJson);
      run = (X) => {
        const Z = pca.transform(pre.transform(X));
        return Array.from({ length: X.nRows }, (_, i) => ({
          prediction: Z.columns.map((c) => (c.kind === 'categorical' ? 0 : c.values[i]!)),
        }));
      };
    } else if (m.kind === 'isolation_forest') {
      const iso = IsolationForest.fromJSON(a.model as IsolationForestJson);
      run = (X) => {
        const Z = pre.transform(X);
        const scores = iso.scoreSamples(Z);
        return Array.from(scores, (s) => ({ prediction: s > iso.threshold ? 1 : 0, score: s }));
      };
    } else {
      throw new UamError('MODEL_ARTIFACT_INVALID', `Unknown model kind "${String(m.kind)}"`);
    }
    return new LoadedModel(a.schema, run, bytes);
  }
}

interface UnsupervisedArtifact {
  format: string;
  formatVersion: number;
  algorithm: string;
  schema: Array<{ name: string; kind: string }>;
  preprocessor: PreprocessorJson;
  model: unknown;
}

function supervised(pipeline: Pipeline, X: Matrix): Prediction[] {
  if (pipeline.task === 'regression') {
    return Array.from(pipeline.predict(X), (v) => ({ prediction: Number.isFinite(v) ? v : null }));
  }
  const classes = pipeline.classes;
  const K = classes.length;
  const proba = pipeline.predictProba(X);
  return Array.from({ length: X.nRows }, (_, i) => {
    let best = 0;
    const probabilities: Record<string, number> = {};
    for (let k = 0; k < K; k++) {
      probabilities[classes[k]!] = proba[i * K + k]!;
      if (proba[i * K + k]! > proba[i * K + best]!) best = k;
    }
    return { prediction: classes[best]!, probabilities };
  });
}

/** A JSON cell as a matrix cell; objects and arrays have no meaning in a column. */
function cell(v: unknown, column: string): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  throw new UamError('MODEL_INPUT_INVALID', `"${column}" must be a string, number, boolean or null`, {
    column,
  });
}
