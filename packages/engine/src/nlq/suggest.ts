/**
 * Questions worth asking first, built from the schema and profile: a count, a measure by its
 * most useful category, a trend, a ranking, a filter on a frequent value, a distribution and a
 * correlation. Each is phrased so the built-in parser answers it.
 */
import { isAdditive, isGroupable, isMeasurable, isTemporal, isText } from './column-kinds.ts';
import type { NlqColumn, NlqProfile } from './types.ts';

export function suggestQuestions(columns: readonly NlqColumn[], profile?: NlqProfile, max = 8): string[] {
  const measures = columns.filter(isMeasurable);
  const groups = columns.filter((c) => isGroupable(c) && isText(c) && fewValues(c, profile));
  const date = columns.find(isTemporal);
  const out: string[] = ['How many rows are there?'];
  const m = measures[0];
  const g = groups[0];
  const agg = (c: NlqColumn) => (isAdditive(c) ? 'total' : 'average');
  if (m && g) out.push(`What is the ${agg(m)} ${m.name} by ${g.name}?`);
  if (m && date) out.push(`How has the ${agg(m)} ${m.name} changed over time?`);
  if (m && g) out.push(`Which ${g.name} has the highest ${agg(m)} ${m.name}?`);
  const top = g ? profile?.columns[g.name]?.topValues?.[0] : undefined;
  if (m && g && top) out.push(`What is the ${agg(m)} ${m.name} for ${g.name} ${top}?`);
  if (g) out.push(`How many rows are there for each ${g.name}?`);
  if (m) out.push(`What is the distribution of ${m.name}?`);
  if (measures.length >= 2)
    out.push(`What is the correlation between ${measures[0].name} and ${measures[1].name}?`);
  if (groups[1] && m) out.push(`Show the ${agg(m)} ${m.name} by ${groups[1].name}`);
  return out.slice(0, max);
}

function fewValues(c: NlqColumn, profile?: NlqProfile): boolean {
  const d = profile?.columns[c.name]?.distinct;
  return d === undefined ? c.semanticType === 'categorical' : d >= 2 && d <= 50;
}
