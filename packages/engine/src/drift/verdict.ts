import { type ColumnDrift, type DriftLevel, type SchemaChanges, DRIFT_THRESHOLDS as T } from './types.ts';

/**
 * Overall verdict: major when a column was removed or re-typed, when any column drifts
 * majorly, or when at least 30% of the compared columns drift; moderate when any column
 * drifts or columns were added; otherwise none.
 */
export function verdict(
  schema: SchemaChanges,
  columns: readonly ColumnDrift[],
): { level: DriftLevel; summary: string[] } {
  const summary: string[] = [];
  const compared = columns.filter((c) => c.kind !== 'skipped');
  const major = compared.filter((c) => c.drift === 'major');
  const drifting = compared.filter((c) => c.drift !== 'none');
  if (schema.removed.length) summary.push(`Columns removed: ${schema.removed.join(', ')}.`);
  if (schema.typeChanged.length)
    summary.push(
      `Columns with a new type: ${schema.typeChanged.map((t) => `${t.column} (${t.from} → ${t.to})`).join(', ')}.`,
    );
  if (schema.added.length) summary.push(`Columns added: ${schema.added.join(', ')}.`);
  if (major.length)
    summary.push(`Major drift in ${major.map((c) => `${c.column} (${c.reasons[0]})`).join(', ')}.`);
  const moderate = drifting.filter((c) => c.drift === 'moderate');
  if (moderate.length) summary.push(`Moderate drift in ${moderate.map((c) => c.column).join(', ')}.`);
  const share = compared.length > 0 ? drifting.length / compared.length : 0;
  let level: DriftLevel = 'none';
  if (
    schema.removed.length ||
    schema.typeChanged.length ||
    major.length ||
    (drifting.length > 0 && share >= T.majorColumnShare)
  )
    level = 'major';
  else if (drifting.length || schema.added.length) level = 'moderate';
  if (level === 'none') summary.push(`No drift in ${compared.length} compared columns.`);
  return { level, summary };
}
