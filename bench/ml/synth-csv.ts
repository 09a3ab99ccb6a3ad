import { closeSync, openSync, readSync } from 'node:fs';
import { type CategoricalColumn, Matrix, type NumericColumn } from '../../packages/engine/src/ml/index.ts';

/**
 * Reads make_synth.py's CSV into the reference benchmark's feature set (see
 * /work/shared/tools/reference_bench.py): f0..f9 and i0..i3 numeric (float32, NaN kept),
 * c0..c2 categorical, c3 as its ordinal code (a numeric column, as scikit-learn must), and the
 * date as date_days (since 2020-01-01) and date_month. A byte-level parser: the file is ASCII,
 * unquoted, with empty fields for NaN. With `place`, file row r becomes matrix row place[r] (a
 * train/test split lands in two contiguous ranges that `rowRange` views without copying).
 */
export function loadSynth(path: string, place?: Int32Array): { X: Matrix; y: Int32Array } {
  // Streamed in blocks rather than read whole: the 1M-row file is 140 MB, more than the
  // matrix it becomes, and the speed bench reports peak RSS.
  const fd = openSync(path, 'r');
  try {
    const block = Buffer.allocUnsafe(BLOCK);
    let header: string[] | null = null;
    let n = -1;
    forEachBlock(fd, block, (buf, end) => {
      if (header === null) header = buf.subarray(0, buf.indexOf(10)).toString('latin1').split(',');
      for (let i = 0; i < end; i++) if (buf[i] === 10) n++;
    });
    if (place && place.length !== n) throw new Error(`place has ${place.length} rows, the file ${n}`);
    return parseRows(fd, block, header!, n, place);
  } finally {
    closeSync(fd);
  }
}

const BLOCK = 8 << 20;

/** Calls `fn` with successive blocks of the file that end on a line break (the last may not). */
function forEachBlock(fd: number, block: Buffer, fn: (buf: Buffer, end: number) => void): void {
  let carry = 0;
  let position = 0;
  for (;;) {
    const got = readSync(fd, block, carry, block.length - carry, position);
    position += got;
    const filled = carry + got;
    if (filled === 0) return;
    const cut = got === 0 ? filled : block.lastIndexOf(10, filled - 1) + 1;
    if (cut <= 0) throw new Error('a line is longer than the read block');
    fn(block, cut);
    block.copy(block, 0, cut, filled);
    carry = filled - cut;
    if (got === 0) return;
  }
}

/** The 0/1 target (the last field of each line) alone, in file order. */
export function readSynthTarget(path: string): Int32Array {
  const fd = openSync(path, 'r');
  try {
    const block = Buffer.allocUnsafe(BLOCK);
    // Into a typed array that doubles as it fills: a million-element JS array would grow the
    // heap by tens of MB that stay committed (and counted in the bench's RSS) afterwards.
    let out = new Int32Array(1 << 16);
    let n = 0;
    let first = true;
    forEachBlock(fd, block, (buf, end) => {
      for (let i = 1; i < end; i++) {
        if (buf[i] !== 10) continue;
        if (first) first = false;
        else {
          if (n === out.length) {
            const grown = new Int32Array(2 * n);
            grown.set(out);
            out = grown;
          }
          out[n++] = buf[i - 1] - 48;
        }
      }
    });
    return out.slice(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Rows [start, end) of X as a matrix sharing X's arrays. */
export function rowRange(X: Matrix, start: number, end: number): Matrix {
  return Matrix.of(
    X.columns.map((c) =>
      c.kind === 'categorical'
        ? { ...c, codes: c.codes.subarray(start, end) }
        : { ...c, values: c.values.subarray(start, end) },
    ),
    end - start,
  );
}

function parseRows(
  fd: number,
  block: Buffer,
  header: string[],
  n: number,
  place: Int32Array | undefined,
): { X: Matrix; y: Int32Array } {
  const nCols = header.length;
  const kinds = header.map((h) =>
    h === 'target' ? 't' : h === 'date' ? 'd' : h.startsWith('c') ? 'c' : 'n',
  );
  const num = header.map((_, j) => (kinds[j] === 'n' ? new Float32Array(n) : null));
  const catCodes = header.map((_, j) => (kinds[j] === 'c' ? new Int32Array(n) : null));
  const catMaps = header.map(() => new Map<string, number>());
  const dateCache = new Map<string, [number, number]>();
  const dateDays = new Float32Array(n);
  const dateMonth = new Float32Array(n);
  const y = new Int32Array(n);
  const epoch = Date.UTC(2020, 0, 1);
  const parseCell = (buf: Buffer, pos: number, end: number, j: number, row: number): void => {
    const kind = kinds[j];
    if (kind === 'n') num[j]![row] = parseNumber(buf, pos, end);
    else if (kind === 't') y[row] = buf[pos] - 48;
    else {
      const s = buf.toString('latin1', pos, end);
      if (kind === 'c') {
        const m = catMaps[j];
        let code = m.get(s);
        if (code === undefined) {
          code = m.size;
          m.set(s, code);
        }
        catCodes[j]![row] = code;
      } else {
        let d = dateCache.get(s);
        if (d === undefined) {
          const t = Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
          d = [(t - epoch) / 86_400_000, Number(s.slice(5, 7))];
          dateCache.set(s, d);
        }
        dateDays[row] = d[0];
        dateMonth[row] = d[1];
      }
    }
  };
  let row = 0;
  let first = true;
  forEachBlock(fd, block, (buf, end) => {
    let pos = 0;
    if (first) {
      pos = buf.indexOf(10) + 1;
      first = false;
    }
    while (pos < end && row < n) {
      for (let j = 0; j < nCols; j++) {
        let stop = pos;
        while (stop < end && buf[stop] !== 44 && buf[stop] !== 10) stop++;
        parseCell(buf, pos, stop, j, place ? place[row] : row);
        pos = stop + 1;
      }
      row++;
    }
  });
  const columns: (NumericColumn | CategoricalColumn)[] = [];
  for (let j = 0; j < nCols; j++) {
    if (kinds[j] === 'n') columns.push({ name: header[j], kind: 'numeric', values: num[j]! });
    if (kinds[j] === 'c') {
      // Levels sorted like scikit-learn's OrdinalEncoder; codes remapped to that order.
      const first = [...catMaps[j].keys()];
      const sorted = [...first].sort();
      const rank = new Int32Array(first.length);
      for (let k = 0; k < first.length; k++) rank[k] = sorted.indexOf(first[k]);
      const codes = catCodes[j]!;
      for (let i = 0; i < n; i++) codes[i] = rank[codes[i]];
      if (header[j] === 'c3') {
        columns.push({ name: 'c3', kind: 'numeric', values: Float32Array.from(codes) });
      } else columns.push({ name: header[j], kind: 'categorical', codes, levels: sorted });
    }
  }
  columns.push({ name: 'date_days', kind: 'numeric', values: dateDays });
  columns.push({ name: 'date_month', kind: 'numeric', values: dateMonth });
  return { X: Matrix.of(columns), y };
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Decimal text → number; exact (correctly rounded) for ≤ 15 significant digits and |exp| ≤ 22. */
function parseNumber(buf: Buffer, start: number, end: number): number {
  if (start === end) return Number.NaN;
  let i = start;
  let neg = false;
  if (buf[i] === 45) {
    neg = true;
    i++;
  } else if (buf[i] === 43) i++;
  let mant = 0;
  let digits = 0;
  let exp = 0;
  for (; i < end && buf[i] >= 48 && buf[i] <= 57; i++, digits++) mant = mant * 10 + (buf[i] - 48);
  if (i < end && buf[i] === 46) {
    for (i++; i < end && buf[i] >= 48 && buf[i] <= 57; i++, digits++) {
      mant = mant * 10 + (buf[i] - 48);
      exp--;
    }
  }
  if (i < end && (buf[i] === 101 || buf[i] === 69)) {
    i++;
    let eneg = false;
    if (buf[i] === 45) {
      eneg = true;
      i++;
    } else if (buf[i] === 43) i++;
    let e = 0;
    for (; i < end; i++) e = e * 10 + (buf[i] - 48);
    exp += eneg ? -e : e;
  }
  if (i !== end || digits > 15 || exp > 22 || exp < -22) return Number(buf.toString('latin1', start, end));
  const v = exp < 0 ? mant / POW10[-exp] : mant * POW10[exp];
  return neg ? -v : v;
}
