import type { IngestWarning } from '../types.ts';

export const MAX_NAME_LENGTH = 128;

export interface CleanNames {
  names: string[];
  warnings: IngestWarning[];
}

/** Warnings beyond this many renames are summarised in one, so a 5,000-column file stays small. */
const MAX_RENAME_WARNINGS = 50;

/**
 * Turns raw header texts into safe, unique column names, reporting every change:
 * control characters become spaces, runs of whitespace collapse, ends are trimmed, double
 * quotes around a whole name go (left by spaces outside them), an empty
 * name becomes `column_<position>`, names are capped at 128 characters, and duplicates get
 * `_2`, `_3`... Uniqueness is case-insensitive because SQL identifiers are (`Name` and `name`
 * are one column to DuckDB).
 */
export function cleanColumnNames(raw: readonly string[]): CleanNames {
  const names: string[] = [];
  const taken = new Set<string>();
  const renames: IngestWarning[] = [];
  const cleaned = raw.map((r, i) => baseName(r, i));
  // Names already clean keep priority over generated ones (`a`, `a`, `a_2` → `a`, `a_3`, `a_2`).
  const reserved = new Set(cleaned.map((c) => c.name.toLowerCase()));
  for (let i = 0; i < raw.length; i++) {
    let { name, reasons } = cleaned[i];
    if (taken.has(name.toLowerCase())) {
      let k = 2;
      let candidate = withSuffix(name, k);
      while (taken.has(candidate.toLowerCase()) || reserved.has(candidate.toLowerCase()))
        candidate = withSuffix(name, ++k);
      name = candidate;
      reasons = [...reasons, 'duplicate'];
    }
    taken.add(name.toLowerCase());
    names.push(name);
    if (reasons.length > 0) {
      renames.push({
        code: 'COLUMN_RENAMED',
        message: `Column ${i + 1} renamed to "${truncateForMessage(name)}" (${reasons.join(', ')})`,
        column: name,
        details: { position: i + 1, from: raw[i], to: name, reasons },
      });
    }
  }
  const warnings = renames.slice(0, MAX_RENAME_WARNINGS);
  if (renames.length > MAX_RENAME_WARNINGS) {
    warnings.push({
      code: 'WARNINGS_TRUNCATED',
      message: `${renames.length - MAX_RENAME_WARNINGS} more columns were renamed`,
      details: { omitted: renames.length - MAX_RENAME_WARNINGS },
    });
  }
  return { names, warnings };
}

function baseName(raw: string, index: number): { name: string; reasons: string[] } {
  const reasons: string[] = [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  let name = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b\ufeff]/g, ' ');
  if (name !== raw) reasons.push('control characters');
  const collapsed = name.replace(/\s+/g, ' ').trim();
  if (collapsed !== name && reasons.length === 0) reasons.push('whitespace');
  name = collapsed;
  // `a, "First Name" ,b`: the spaces around the quotes leave them in the field (RFC 4180).
  const quoted = /^"([^"]*)"$/.exec(name);
  if (quoted) {
    reasons.push('quotes');
    name = quoted[1].trim();
  }
  if (name === '') {
    reasons.push('empty');
    name = `column_${index + 1}`;
  }
  const chars = Array.from(name);
  if (chars.length > MAX_NAME_LENGTH) {
    reasons.push('too long');
    name = chars.slice(0, MAX_NAME_LENGTH).join('').trimEnd();
  }
  return { name, reasons };
}

function withSuffix(name: string, k: number): string {
  const suffix = `_${k}`;
  const chars = Array.from(name);
  const room = MAX_NAME_LENGTH - suffix.length;
  return (chars.length > room ? chars.slice(0, room).join('') : name) + suffix;
}

function truncateForMessage(name: string): string {
  return name.length > 60 ? `${name.slice(0, 57)}...` : name;
}
