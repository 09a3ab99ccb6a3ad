import type { ColumnSchema } from '../data/types.ts';
import type { SchemaChanges } from './types.ts';

/** Columns added, removed, or stored with another type, matched by exact name. */
export function schemaChanges(from: readonly ColumnSchema[], to: readonly ColumnSchema[]): SchemaChanges {
  const before = new Map(from.map((c) => [c.name, c]));
  const after = new Map(to.map((c) => [c.name, c]));
  return {
    added: to.filter((c) => !before.has(c.name)).map((c) => c.name),
    removed: from.filter((c) => !after.has(c.name)).map((c) => c.name),
    typeChanged: to
      .filter((c) => before.has(c.name) && before.get(c.name)!.storageType !== c.storageType)
      .map((c) => ({ column: c.name, from: before.get(c.name)!.storageType, to: c.storageType })),
  };
}
