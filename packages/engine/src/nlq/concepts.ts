/** Columns that a concept word ("weight", "price", "temperature") can mean in this dataset. */
import { isNumeric } from './column-kinds.ts';
import type { QuestionContext } from './context.ts';
import { stem } from './stem.ts';
import { areSynonyms } from './thesaurus.ts';
import type { NlqColumn } from './types.ts';

export function conceptColumns(concept: string, ctx: QuestionContext, numericOnly = true): NlqColumn[] {
  const s = stem(concept);
  const out: NlqColumn[] = [];
  for (const cw of ctx.lexicon) {
    if (numericOnly && !isNumeric(cw.column)) continue;
    if (cw.core.some((w) => w === s || areSynonyms(w, s) || (w.length >= 3 && s.startsWith(w))))
      out.push(cw.column);
  }
  return out;
}

/** Among columns like temp_max / temp_min, the one whose name says the same extreme. */
export function preferExtreme(cols: NlqColumn[], agg: 'max' | 'min' | null): NlqColumn[] {
  if (cols.length < 2 || !agg) return cols;
  const re =
    agg === 'max'
      ? /(^|[^a-z])(max|maximum|high|highest)([^a-z]|$)/i
      : /(^|[^a-z])(min|minimum|low|lowest)([^a-z]|$)/i;
  const hit = cols.filter((c) => re.test(c.name.replace(/_/g, ' ')));
  return hit.length === 1 ? hit : cols;
}
