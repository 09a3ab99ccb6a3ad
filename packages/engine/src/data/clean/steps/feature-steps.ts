import { compileExpression } from '../expression/expr-compile.ts';
import type { StepOf } from '../recipe-schema.ts';
import {
  bind,
  bindScalar,
  type CompileState,
  checkNewName,
  col,
  ident,
  passThrough,
  pushStep,
  type RelColumn,
  stepError,
} from '../relation.ts';

/** Inserts new columns right after `anchor` (or replaces it when `replace`). */
function insertAfter(
  s: CompileState,
  anchor: string,
  add: { expr: string; col: RelColumn }[],
  replace: boolean,
): void {
  const select: string[] = [];
  const columns: RelColumn[] = [];
  for (const c of s.columns) {
    if (!(replace && c.name === anchor)) {
      select.push(ident(c.name));
      columns.push(c);
    }
    if (c.name === anchor) {
      for (const a of add) {
        select.push(`${a.expr} AS ${ident(a.col.name)}`);
        columns.push(a.col);
      }
    }
  }
  pushStep(s, select, columns);
}

/**
 * bin: with `edges`, a text label per interval (`[0, 10)`, the last one closed, values
 * outside NULL); with `bins`, the 0-based index of k equal-width bins between the column's
 * minimum and maximum. The result goes to `into` (default `<column>_bin`) after the column.
 */
export function bin(s: CompileState, step: StepOf<'bin'>): void {
  const c = col(s, step.column);
  if (!['integer', 'float', 'decimal'].includes(c.type))
    throw stepError(s, `"${c.name}" is ${c.type}, not a number`);
  const into = step.into ?? `${c.name}_bin`;
  checkNewName(s, into);
  const id = ident(c.name);
  if (step.edges) {
    const e = step.edges;
    const cases = e.slice(0, -1).map((lo, i) => {
      const last = i === e.length - 2;
      const label = `[${lo}, ${e[i + 1]}${last ? ']' : ')'}`;
      const upper = `${id} ${last ? '<=' : '<'} ${bind(s, e[i + 1], 'DOUBLE')}`;
      return `WHEN ${id} >= ${bind(s, lo, 'DOUBLE')} AND ${upper} THEN ${bind(s, label, 'VARCHAR')}`;
    });
    insertAfter(
      s,
      c.name,
      [{ expr: `CASE ${cases.join(' ')} END`, col: { name: into, type: 'string' } }],
      false,
    );
    return;
  }
  const k = step.bins!;
  const stats = (agg: string) =>
    `(SELECT ${agg}(${id}) FROM ${s.current} WHERE isfinite(CAST(${id} AS DOUBLE)))`;
  const [mn, mx] = [stats('min'), stats('max')];
  const kk = bind(s, k, 'BIGINT');
  const expr = `CASE WHEN NOT isfinite(CAST(${id} AS DOUBLE)) THEN NULL WHEN ${mx} = ${mn} THEN 0 ELSE least(CAST(floor((${id} - ${mn}) / ((${mx} - ${mn}) / ${kk})) AS BIGINT), ${kk} - 1) END`;
  insertAfter(s, c.name, [{ expr, col: { name: into, type: 'integer' } }], false);
}

/**
 * one_hot: a 0/1 column `<prefix>_<level>` per listed level and `<prefix>_other` for any other
 * present value; the levels are part of the recipe so the output schema never depends on the
 * data. The source column is replaced unless `keepOriginal`.
 */
export function oneHot(s: CompileState, step: StepOf<'one_hot'>): void {
  const c = col(s, step.column);
  const prefix = step.prefix ?? c.name;
  const levels = [...new Set(step.levels)];
  const text = `CAST(${ident(c.name)} AS VARCHAR)`;
  const params = levels.map((l) => bind(s, l, 'VARCHAR'));
  const add = levels.map((l, i) => ({
    expr: `CAST(coalesce(${text} = ${params[i]}, false) AS INTEGER)`,
    col: { name: `${prefix}_${l}`, type: 'integer' as const },
  }));
  add.push({
    expr: `CAST(coalesce(${text} NOT IN (${params.join(', ')}), false) AS INTEGER)`,
    col: { name: `${prefix}_other`, type: 'integer' },
  });
  const seen = new Set<string>();
  for (const a of add) {
    const key = a.col.name.toLowerCase();
    if (seen.has(key)) throw stepError(s, `One-hot columns collide on "${a.col.name}"`);
    seen.add(key);
    checkNewName(s, a.col.name, step.keepOriginal ? undefined : c.name);
  }
  insertAfter(s, c.name, add, !step.keepOriginal);
}

/**
 * derive: a column from a safe expression (see expression/). A new name is appended at the
 * end; an existing name is replaced in place with the expression's type.
 */
export function derive(s: CompileState, step: StepOf<'derive'>): void {
  const compiled = compileExpression(
    step.expression,
    (name) => col(s, name),
    (v) => bindScalar(s, v),
  );
  const existing = s.columns.find((c) => c.name === step.name);
  if (existing) {
    const replace = new Map([[existing.name, compiled.sql]]);
    pushStep(
      s,
      passThrough(s, replace),
      s.columns.map((c) => (c.name === existing.name ? { ...c, type: compiled.storage } : c)),
    );
    return;
  }
  checkNewName(s, step.name);
  pushStep(
    s,
    [...passThrough(s), `${compiled.sql} AS ${ident(step.name)}`],
    [...s.columns, { name: step.name, type: compiled.storage }],
  );
}
