import { EngineError, type EngineErrorCode } from '../../errors.ts';

/**
 * Finds a column by exact name, then by a unique case-insensitive match (SQL names are
 * case-insensitive too). An unknown name is an error that suggests the closest real name.
 */
export function resolveColumn<T extends { name: string }>(
  name: string,
  columns: readonly T[],
  code: EngineErrorCode,
): T {
  const exact = columns.find((c) => c.name === name);
  if (exact) return exact;
  const folded = columns.filter((c) => c.name.toLowerCase() === name.toLowerCase());
  if (folded.length === 1) return folded[0];
  const suggestion = closest(
    name,
    columns.map((c) => c.name),
  );
  throw new EngineError(
    code,
    `Unknown column "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
    {
      column: name,
      ...(suggestion ? { suggestion } : {}),
    },
  );
}

/** The name within max(2, a third of its length) edits (Levenshtein), or one containing it. */
export function closest(name: string, names: readonly string[]): string | undefined {
  const target = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of names) {
    const d = editDistance(target, candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(target.length / 3))) return best;
  return names.find((n) => n.toLowerCase().includes(target) || target.includes(n.toLowerCase()));
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 32) return Math.abs(a.length - b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
