/**
 * Text of one grid cell, or null for a missing value (the grid shows nulls muted). Numbers keep
 * the server's digits with no grouping, since identifiers and years are numbers too.
 *
 * ### Example
 * ```ts
 * formatCell('2024-12-31T08:30:00', 'datetime'); // '2024-12-31 08:30:00'
 * ```
 */
export function formatCell(value: unknown, type: string): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return type === 'datetime' ? value.replace('T', ' ') : value;
  return JSON.stringify(value);
}

/** A column's width in pixels from its type and name, so headers are not cut too short. */
export function columnWidth(name: string, type: string): number {
  const byType: Record<string, number> = {
    integer: 110,
    float: 130,
    decimal: 130,
    boolean: 96,
    date: 120,
    datetime: 180,
    time: 100,
  };
  const forName = 48 + name.length * 7.5;
  return Math.round(Math.min(320, Math.max(byType[type] ?? 180, forName)));
}
