import type { StorageType } from '../../types.ts';
import type { StepOf } from '../recipe-schema.ts';
import {
  bind,
  type CompileState,
  checkNewName,
  col,
  ident,
  passThrough,
  pushStep,
  type RelColumn,
  SQL_TYPE,
  stepError,
} from '../relation.ts';

/** drop_columns: every listed column must exist; at least one column must remain. */
export function dropColumns(s: CompileState, step: StepOf<'drop_columns'>): void {
  const drop = new Set(step.columns.map((n) => col(s, n).name));
  const keep = s.columns.filter((c) => !drop.has(c.name));
  if (keep.length === 0) throw stepError(s, 'A recipe cannot drop every column');
  pushStep(
    s,
    keep.map((c) => ident(c.name)),
    keep,
  );
}

/** rename_columns: renames apply together, so `a→b, b→a` swaps. */
export function renameColumns(s: CompileState, step: StepOf<'rename_columns'>): void {
  const map = new Map<string, string>();
  for (const r of step.renames) map.set(col(s, r.from).name, r.to);
  const after = s.columns.map((c) => map.get(c.name) ?? c.name);
  const seen = new Set<string>();
  for (const n of after) {
    if (seen.has(n.toLowerCase()) || n === s.rowColumn)
      throw stepError(s, `Two columns would be called "${n}"`, { column: n });
    seen.add(n.toLowerCase());
  }
  const select = s.columns.map((c, i) =>
    after[i] === c.name ? ident(c.name) : `${ident(c.name)} AS ${ident(after[i])}`,
  );
  pushStep(
    s,
    select,
    s.columns.map((c, i) => ({ ...c, name: after[i] })),
  );
}

/** reorder_columns: the listed columns first, in that order, then the others as they were. */
export function reorderColumns(s: CompileState, step: StepOf<'reorder_columns'>): void {
  const first = step.columns.map((n) => col(s, n));
  const firstNames = new Set(first.map((c) => c.name));
  if (firstNames.size !== first.length) throw stepError(s, 'A column is listed twice');
  const order = [...first, ...s.columns.filter((c) => !firstNames.has(c.name))];
  pushStep(
    s,
    order.map((c) => ident(c.name)),
    order,
  );
}

/** cast: TRY_CAST, so values that do not convert become NULL instead of failing the recipe. */
export function cast(s: CompileState, step: StepOf<'cast'>): void {
  const c = col(s, step.column);
  const to = step.to as StorageType;
  const expr = `TRY_CAST(${ident(c.name)} AS ${SQL_TYPE[to]})`;
  pushStep(s, passThrough(s, new Map([[c.name, expr]])), retype(s.columns, c.name, to));
}

/** split: part i of the separator-split text goes to `into[i]` (NULL when missing). */
export function split(s: CompileState, step: StepOf<'split'>): void {
  const c = col(s, step.column);
  const sep = bind(s, step.separator, 'VARCHAR');
  for (const n of step.into) checkNewName(s, n, step.keepOriginal ? undefined : c.name);
  if (new Set(step.into.map((n) => n.toLowerCase())).size !== step.into.length)
    throw stepError(s, 'Split targets must differ');
  const text = `CAST(${ident(c.name)} AS VARCHAR)`;
  const parts = step.into.map((n, i) => `nullif(split_part(${text}, ${sep}, ${i + 1}), '') AS ${ident(n)}`);
  const index = s.columns.findIndex((x) => x.name === c.name);
  const before = s.columns.slice(0, index + (step.keepOriginal ? 1 : 0));
  const after = s.columns.slice(index + 1);
  const newCols: RelColumn[] = step.into.map((n) => ({ name: n, type: 'string' }));
  pushStep(
    s,
    [...before.map((x) => ident(x.name)), ...parts, ...after.map((x) => ident(x.name))],
    [...before, ...newCols, ...after],
  );
}

export function retype(columns: RelColumn[], name: string, type: StorageType): RelColumn[] {
  return columns.map((c) => (c.name === name ? { ...c, type } : c));
}
