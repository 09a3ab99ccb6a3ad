/**
 * Second pass: reads the findings left to right and gives each column and value a role —
 * measure, group, filter, listed field — from the words around it ("average X", "by X",
 * "which X", "in France", "how many different X"). The result is a Draft.
 */
import { applyDates } from './apply-dates.ts';
import { bindComparisons } from './bind-comparisons.ts';
import { isGroupable, isMeasurable, isNumeric, isTemporal, isText } from './column-kinds.ts';
import { conceptColumns, preferExtreme } from './concepts.ts';
import type { QuestionContext } from './context.ts';
import type { CueHit } from './cues.ts';
import { type Draft, emptyDraft } from './draft.ts';
import type { Findings } from './extract.ts';
import type { Aggregate } from './plan.ts';
import type { ColumnMention } from './resolve-columns.ts';
import type { ValueMention } from './resolve-values.ts';
import { areSynonyms, SUPERLATIVES } from './thesaurus.ts';
import { spanText } from './tokenize.ts';
import type { NlqColumn } from './types.ts';
import { findUnknown, isFollowUpStart, refusalOf } from './unknown-words.ts';
import { addValueFilter } from './value-filters.ts';
import { isRowNoun } from './vocabulary.ts';

type Item =
  | { kind: 'col'; start: number; end: number; m: ColumnMention }
  | { kind: 'val'; start: number; end: number; m: ValueMention }
  | { kind: 'cue'; start: number; end: number; c: CueHit }
  | { kind: 'noun'; start: number; end: number };

const EMBEDDED_AGG: Record<string, Aggregate> = {
  max: 'max',
  maximum: 'max',
  min: 'min',
  minimum: 'min',
  avg: 'avg',
  average: 'avg',
  mean: 'avg',
  total: 'sum',
  highest: 'max',
  high: 'max',
  peak: 'max',
  lowest: 'min',
  low: 'min',
};
const ADJACENT_OK = new Set([
  'the',
  'a',
  'an',
  'their',
  'its',
  'each',
  'every',
  'of',
  'our',
  'your',
  'different',
  'individual',
  'single',
]);
const VIA_CONFIDENCE = {
  name: 1,
  acronym: 0.97,
  unit: 0.9,
  synonym: 0.95,
  abbreviation: 0.93,
  description: 0.85,
  typo: 0.85,
};
const VALUE_CONFIDENCE = { exact: 1, alias: 0.95, adjective: 0.9, typo: 0.85 };

export function interpret(f: Findings, ctx: QuestionContext): Draft {
  const d = emptyDraft();
  d.followUp = isFollowUpStart(f.tokens);
  d.refusal = refusalOf(f);
  applyDates(f, ctx, d);
  const binding = bindComparisons(f, ctx, d);
  settleByIntersection(f.columns, binding.filterMentions);
  const items: Item[] = [
    ...f.columns
      .filter((m) => !binding.filterMentions.has(m))
      .map((m) => ({ kind: 'col' as const, start: m.start, end: m.end, m })),
    ...f.values.map((m) => ({ kind: 'val' as const, start: m.start, end: m.end, m })),
    ...f.cues.map((c) => ({ kind: 'cue' as const, start: c.start, end: c.end, c })),
  ];
  for (const [i, t] of f.tokens.entries()) {
    if (!f.used[i] && t.kind === 'word' && (ctx.rowNouns.has(t.stem) || isRowNoun(t.norm))) {
      items.push({ kind: 'noun', start: i, end: i + 1 });
      f.used[i] = true;
    }
  }
  items.sort((a, b) => a.start - b.start);
  // "rated R", "origin Japan", "genre Comedy": a column named right before one of its values is that value's column.
  // Also "R rated": the value comes first.
  for (let k = items.length - 2; k >= 0; k--) {
    const a = items[k];
    const b = items[k + 1];
    const pair =
      a.kind === 'col' && b.kind === 'val' && b.start - a.end <= 1
        ? { col: a, val: b, at: k }
        : a.kind === 'val' && b.kind === 'col' && b.start - a.end <= 1
          ? { col: b, val: a, at: k + 1 }
          : null;
    if (!pair) continue;
    // The named words may fit the value's column only partly ("corporate customers" → customer_segment).
    const stems = f.tokens.slice(pair.col.start, pair.col.end).map((t) => t.stem);
    const names = new Set([
      ...pair.col.m.candidates.map((c) => c.column.name),
      ...ctx.lexicon
        .filter((cw) => stems.some((s) => cw.core.some((w) => w === s || areSynonyms(w, s))))
        .map((cw) => cw.column.name),
    ]);
    const fits = pair.val.m.candidates.filter((c) => names.has(c.column.name));
    // "revenue … Alice Moreno" is an amount and a rep, not one reference.
    const amount = pair.col.m.candidates.some((c) => isMeasurable(c.column));
    if (amount && !pair.col.m.candidates.some((c) => fits.some((v) => v.column === c.column))) continue;
    if (fits.length) {
      pair.val.m = { ...pair.val.m, candidates: fits };
      items.splice(pair.at, 1);
    }
  }
  for (const k of f.topk) {
    d.limit = k.n;
    if (k.dir) d.sortDir ??= k.dir;
    d.interpretation.push({ span: spanText(f.question, f.tokens, k.start, k.end), meaning: `keep ${k.n}` });
  }
  new Walker(f, ctx, d, binding.havingMentions).run(items);
  d.unknown.push(...findUnknown(f, ctx));
  return d;
}

/**
 * "the highest rated movie on IMDB": "rated" fits three rating columns and "IMDB" two; the
 * one column both fit is meant, and the second mention only repeated it.
 */
function settleByIntersection(mentions: ColumnMention[], skip: Set<ColumnMention>): void {
  for (const a of mentions) {
    if (a.candidates.length < 2 || skip.has(a)) continue;
    for (const b of mentions) {
      if (a === b || skip.has(b)) continue;
      const names = new Set(b.candidates.map((c) => c.column.name));
      const common = a.candidates.filter((c) => names.has(c.column.name));
      if (common.length === 1 && (b.candidates.length > 1 || b.score < 0.99)) {
        a.candidates = common;
        skip.add(b);
      }
    }
  }
}

/** Verbs that stand for the main amount ("sold", "earned") only when no other amount is named. */
const AMOUNT_VERBS = new Set([
  'sold',
  'sell',
  'sells',
  'selling',
  'earned',
  'earn',
  'earns',
  'spent',
  'spend',
]);

class Walker {
  private agg: (CueHit & { type: 'agg' }) | null = null;
  private group = false;
  private which = false;
  /** Where the pending group / which words end: they apply only to a column right after them. */
  private groupEnd = -1;
  private missingEnd = -1;
  private negatedList: { column: string; end: number } | null = null;
  private missingWord = '';
  private whichEnd = -1;
  private count = false;
  private countDistinct = false;
  private not = false;
  private missing: boolean | null = null;
  private frequency = false;
  private prevRole: { role: 'dim' | 'measure'; end: number; agg: Aggregate | null } | null = null;

  constructor(
    private readonly f: Findings,
    private readonly ctx: QuestionContext,
    private readonly d: Draft,
    private readonly having: Map<ColumnMention, import('./comparisons.ts').ComparisonHit>,
  ) {}

  private span(s: number, e: number): string {
    return spanText(this.f.question, this.f.tokens, s, e);
  }

  private say(s: number, e: number, meaning: string): void {
    this.d.interpretation.push({ span: this.span(s, e), meaning });
  }

  run(items: Item[]): void {
    for (const it of items) {
      if (it.kind === 'cue') this.cue(it.c);
      else if (it.kind === 'noun') this.noun(it.start);
      else if (it.kind === 'val') this.value(it.m);
      else this.column(it.m);
    }
    if (this.count || this.countDistinct) this.d.countRows = true;
    const open = this.d.measures.find((m) => m.column && m.agg === null);
    // A trailing "on average" applies to the measure already named ("which year was the windiest on average").
    if (this.agg && !this.agg.superlative && open) open.agg = this.agg.agg;
    else if (this.agg && !this.agg.superlative)
      this.d.measures.push({ column: null, agg: this.aggOf(this.agg), start: this.agg.start });
    else if (
      this.agg?.superlative &&
      !this.agg.concept &&
      this.d.followUp &&
      !this.d.measures.length &&
      // "and the worst quarter?" ranks the new groups; it does not change the aggregate.
      !this.d.dimensions.some((x) => x.which)
    )
      this.d.measures.push({ column: null, agg: this.agg.agg, start: this.agg.start }); // "what about the maximum?"
    else if (this.agg?.superlative && !this.d.sortDir)
      this.d.sortDir = this.agg.agg === 'min' ? 'asc' : 'desc';
  }

  private aggOf(c: CueHit & { type: 'agg' }): Aggregate {
    return c.agg;
  }

  private cue(c: CueHit): void {
    const d = this.d;
    switch (c.type) {
      case 'agg':
        if (this.agg?.superlative && !c.superlative)
          this.d.sortDir ??= this.agg.agg === 'min' ? 'asc' : 'desc';
        // "Which source grew fastest": with a change word, fastest/slowest rank the change.
        if (
          c.concept === 'speed' &&
          this.f.cues.some((x) => x.type === 'change') &&
          !conceptColumns('speed', this.ctx).length
        )
          this.agg = { ...c, concept: null };
        else if (c.superlative && c.concept) this.conceptMeasure(c);
        else this.agg = c;
        return;
      case 'count':
        this.count = true;
        if (this.group && this.adjacent(this.groupEnd, c.start)) this.groupEnd = c.end;
        return;
      case 'count_distinct':
        this.countDistinct = true;
        return;
      case 'how_much':
        d.cues.add('how_much');
        return;
      case 'group':
        this.group = true;
        this.groupEnd = c.end;
        return;
      case 'which':
        this.which = true;
        this.whichEnd = c.end;
        return;
      case 'frequency':
        d.frequency = c.dir;
        this.frequency = true;
        this.say(c.start, c.end, c.dir === 'desc' ? 'most frequent' : 'least frequent');
        return;
      case 'sort':
        d.cues.add('sort');
        if (c.dir) d.sortDir ??= c.dir;
        this.group = true;
        return;
      case 'order_dir':
        d.sortDir = c.dir;
        return;
      case 'chart':
        if (c.mark) d.chart = c.mark;
        d.cues.add('chart');
        return;
      case 'not':
        this.not = true;
        return;
      case 'missing':
        this.missing = c.present;
        this.missingEnd = c.end;
        this.missingWord = this.f.tokens[c.start].norm;
        return;
      default:
        d.cues.add(c.type);
    }
  }

  /** "heaviest", "cheapest": the superlative names its own column. */
  private conceptMeasure(c: CueHit & { type: 'agg' }): void {
    const cols = preferExtreme(
      conceptColumns(c.concept ?? '', this.ctx),
      c.agg === 'max' || c.agg === 'min' ? c.agg : null,
    );
    const word = this.span(c.start, c.end);
    if (cols.length === 1) {
      this.d.measures.push({
        column: cols[0],
        agg: null,
        superlative: c.agg as 'max' | 'min',
        start: c.start,
      });
      this.d.sortDir ??= c.agg === 'min' ? 'asc' : 'desc';
      this.say(c.start, c.end, `${c.agg === 'min' ? 'lowest' : 'highest'} ${cols[0].name}`);
    } else if (
      cols.length > 1 &&
      this.f.columns.some((m) => m.start >= c.end && m.candidates.some((x) => cols.includes(x.column)))
    ) {
      // "the longest flipper length": the column named next settles which length.
      this.agg = c;
    } else if (cols.length > 1) {
      this.d.ambiguities.push({
        span: word,
        start: c.start,
        end: c.end,
        reason: `"${word}" could refer to several columns`,
        choices: cols.map((col) => ({
          label: col.name,
          replacement: `${c.agg === 'min' ? 'lowest' : 'highest'} ${col.name}`,
        })),
      });
    } else this.d.unknown.push({ text: word, entity: true }); // "fastest" with nothing fast in the data
  }

  private noun(i: number): void {
    const d = this.d;
    const amounts = this.ctx.columns.filter(isMeasurable);
    if (
      this.f.cues.some((c) => c.type === 'how_much' && c.end === i) &&
      amounts.length === 1 &&
      !d.measures.length
    ) {
      // "how much electricity…" on a table whose one amount is the electricity generated.
      d.measures.push({ column: amounts[0], agg: 'sum', start: i });
      this.say(i, i + 1, `total ${amounts[0].name}`);
      return;
    }
    if (this.count || this.countDistinct) {
      d.countRows = true;
      this.count = this.countDistinct = false;
      this.say(i, i + 1, 'count of rows');
    } else if (
      this.agg?.superlative &&
      !this.agg.concept &&
      /^(the )?(most|least|fewest)$/.test(this.span(this.agg.start, this.agg.end).toLowerCase())
    ) {
      // "the most cars": rank groups by their number of rows ("the biggest orders" is not a count).
      d.countRows = true;
      d.sortDir = this.agg.agg === 'min' ? 'asc' : 'desc';
      d.frequency ??= d.sortDir;
      this.agg = null;
    } else if (
      (this.which && this.adjacentOrUsed(this.whichEnd, i)) ||
      d.cues.has('list') ||
      this.opensQuestion(i) ||
      d.measures.some((m) => m.superlative && m.start === i - 1) ||
      (this.agg?.superlative && i - this.agg.end <= 1)
    ) {
      // "which car", "list movies", "heaviest car": individual rows are wanted.
      d.rowsTarget = true;
      d.pluralRows = this.f.tokens[i].norm !== this.f.tokens[i].stem && this.f.tokens[i].norm.endsWith('s');
      this.which = false;
    }
  }

  private value(m: ValueMention): void {
    const named = new Set(this.f.columns.flatMap((c) => c.candidates.map((x) => x.column.name)));
    let cands = m.candidates;
    const narrowed = cands.filter((c) => named.has(c.column.name));
    if (narrowed.length && narrowed.length < cands.length) cands = narrowed;
    const cols = new Set(cands.map((c) => c.column.name));
    const text = this.span(m.start, m.end);
    if (cols.size > 1) {
      this.d.ambiguities.push({
        span: text,
        start: m.start,
        end: m.end,
        reason: `"${text}" appears in several columns`,
        choices: cands.slice(0, 6).map((c) => ({
          label: `${c.column.name} = ${c.value}`,
          replacement: `${c.column.name} ${c.value}`,
        })),
      });
      return;
    }
    // "how many comedies": the value names the rows being counted.
    if (this.count && this.f.cues.some((c) => c.type === 'count' && m.start - c.end <= 1)) {
      this.d.countRows = true;
      this.count = false;
    }
    this.d.confidence *= VALUE_CONFIDENCE[m.via];
    const values = [...new Set(cands.map((c) => c.value))];
    // "except Germany and France": the negation covers the whole list.
    if (
      !this.not &&
      this.negatedList?.column === cands[0].column.name &&
      this.onlyJoinersBetween(this.negatedList.end, m.start)
    )
      this.not = true;
    addValueFilter(this.d, cands[0].column, values, this.not);
    this.negatedList = this.not ? { column: cands[0].column.name, end: m.end } : null;
    this.say(
      m.start,
      m.end,
      `${cands[0].column.name} ${this.not ? '≠' : '='} ${values.join(' or ')}${m.via === 'exact' ? '' : ` (${m.via})`}`,
    );
    this.not = false;
    this.group = false;
  }

  private column(m: ColumnMention): void {
    const d = this.d;
    if (m.via === 'unit') return; // "210 mm" names no column by itself
    const verb = m.end - m.start === 1 && AMOUNT_VERBS.has(this.f.tokens[m.start].norm);
    if (verb && this.f.columns.some((o) => o !== m && o.candidates.some((c) => isMeasurable(c.column))))
      return;
    d.confidence *= VIA_CONFIDENCE[m.via];
    const all = m.candidates.map((c) => c.column);
    const text = this.span(m.start, m.end);
    const chained = this.prevRole && this.onlyJoinersBetween(this.prevRole.end, m.start);
    if (this.group && !this.adjacent(this.groupEnd, m.start)) this.group = false;
    if (this.which && !this.adjacent(this.whichEnd, m.start)) this.which = false;
    const choose = (pred: (c: NlqColumn) => boolean, role: string): NlqColumn | null => {
      const fit = all.filter(pred);
      const pool = fit.length ? fit : all;
      const extreme = this.embeddedAgg(m) ?? this.agg?.agg ?? null;
      const picked = preferExtreme(pool, extreme === 'max' || extreme === 'min' ? extreme : null);
      if (picked.length === 1) return picked[0];
      d.ambiguities.push({
        span: text,
        start: m.start,
        end: m.end,
        reason: `"${text}" could mean several columns (${role})`,
        choices: picked.slice(0, 6).map((c) => ({ label: c.name, replacement: c.name })),
      });
      return null;
    };
    if (this.missing !== null && this.adjacent(this.missingEnd, m.start)) {
      const col = choose(() => true, 'filter');
      const zero = col && isNumeric(col) && ['no', 'without'].includes(this.missingWord);
      if (col && zero) {
        // "orders with no discount": an amount of zero.
        d.filters.push({ column: col.name, op: this.not ? 'neq' : 'eq', value: 0 });
        this.say(m.start, m.end, `${col.name} ${this.not ? '≠' : '='} 0`);
      } else if (col) {
        const present = this.missing !== this.not;
        d.filters.push({ column: col.name, op: present ? 'not_null' : 'is_null' });
        this.say(m.start, m.end, `${col.name} ${present ? 'is present' : 'is missing'}`);
      }
      this.missing = null;
      this.not = false;
      return;
    }
    if (this.frequency && !d.dimensions.some((x) => !x.bucket)) {
      this.frequency = false;
      const col = choose((c) => isGroupable(c) || isNumeric(c), 'group');
      if (col) this.addDim(m, col, true);
      return;
    }
    if (this.group || this.which || (chained && this.prevRole?.role === 'dim')) {
      const which = this.which;
      // "for each number of cylinders": the count words belong to the group phrase.
      if (this.group) this.count = this.countDistinct = false;
      this.group = this.which = false;
      const col = choose(
        (c) => isGroupable(c) || isTemporal(c) || c === this.ctx.labelColumn || (which && isMeasurable(c)),
        'group',
      );
      if (!col) return;
      if (col === this.ctx.labelColumn && (which || d.cues.has('list'))) {
        d.rowsTarget = true;
        d.show.push(col);
        this.say(m.start, m.end, `each row's ${col.name}`);
      } else if (isGroupable(col) || isTemporal(col) || col === this.ctx.labelColumn || this.fewIntegers(col))
        this.addDim(m, col, which);
      else this.addMeasure(m, col);
      return;
    }
    if (all.every((c) => c.storageType === 'boolean')) {
      // "returned orders", "how many returns", "orders that were not returned": a yes/no column is a filter.
      if (this.count) d.countRows = true;
      this.count = false;
      if (this.agg?.superlative && !this.agg.concept) {
        // "the most returns": rank groups by how many rows have it.
        d.countRows = true;
        d.sortDir = this.agg.agg === 'min' ? 'asc' : 'desc';
        d.frequency ??= d.sortDir;
        this.agg = null;
      }
      const col = all[0];
      d.filters.push({ column: col.name, op: 'eq', value: !this.not });
      this.say(m.start, m.end, `${col.name} is ${this.not ? 'false' : 'true'}`);
      this.not = false;
      return;
    }
    if (all.every(isTemporal) && !this.group) return; // a date column named next to its period ("released in 2005")
    if (this.countDistinct || (this.count && !all.some(isMeasurable))) {
      this.count = this.countDistinct = false;
      const col = choose(() => true, 'count');
      if (!col) return;
      d.measures.push({ column: col, agg: 'count_distinct', start: m.start });
      this.say(m.start, m.end, `number of distinct ${col.name}`);
      this.prevRole = { role: 'measure', end: m.end, agg: 'count_distinct' };
      return;
    }
    // "how many price records": the column only qualifies the rows being counted.
    const next = this.f.tokens[m.end];
    if (this.count && next && (this.ctx.rowNouns.has(next.stem) || isRowNoun(next.norm))) return;
    const counted = this.count;
    this.count = false;
    if (all.some(isMeasurable)) {
      const col = choose(isMeasurable, 'measure');
      if (col && counted && !this.agg) {
        // "how many deaths", "how many units": counting an amount means adding it up.
        this.agg = { type: 'agg', agg: 'sum', start: m.start, end: m.start };
      }
      if (col) this.addMeasure(m, col);
      return;
    }
    const col = choose(() => true, 'column');
    if (!col) return;
    if (col === this.ctx.labelColumn || (isText(col) && !isGroupable(col))) d.show.push(col);
    else d.loose.push(col);
    this.say(m.start, m.end, col.name);
  }

  /**
   * "by cylinders": an integer column with few values groups; "top 5 cars by horsepower"
   * ranks. Known from the profile, else from whether something else is being measured.
   */
  private fewIntegers(col: NlqColumn): boolean {
    if (col.storageType !== 'integer') return false;
    const distinct = this.ctx.profile?.columns[col.name]?.distinct;
    if (distinct !== undefined) return distinct <= 30;
    return this.d.measures.length > 0 && this.d.limit === null;
  }

  /** Like `adjacent`, but words already understood (a value like "R-rated") may sit between. */
  private adjacentOrUsed(from: number, to: number): boolean {
    if (from < 0) return false;
    for (let k = from; k < to; k++) {
      const t = this.f.tokens[k];
      if (!ADJACENT_OK.has(t.norm) && !this.f.used[k] && t.kind !== 'symbol') return false;
    }
    return true;
  }

  /** "cars with the lowest horsepower": the question starts by naming the rows it wants. */
  private opensQuestion(i: number): boolean {
    for (let k = 0; k < i; k++) {
      const t = this.f.tokens[k];
      if (
        t.kind === 'word' &&
        !['show', 'list', 'find', 'get', 'give', 'me', 'us', 'the', 'all', 'any', 'display'].includes(t.norm)
      )
        return false;
    }
    return true;
  }

  /** Only articles and possessives between `from` and `to` ("by the region", "which of the"). */
  private adjacent(from: number, to: number): boolean {
    if (from < 0) return false;
    for (let k = from; k < to; k++) if (!ADJACENT_OK.has(this.f.tokens[k].norm)) return false;
    return true;
  }

  private onlyJoinersBetween(from: number, to: number): boolean {
    for (let k = from; k < to; k++)
      if (!['and', ',', '&', 'or'].includes(this.f.tokens[k].norm)) return false;
    return to > from;
  }

  private embeddedAgg(m: ColumnMention): Aggregate | null {
    for (let k = m.start; k < m.end; k++) {
      const a = EMBEDDED_AGG[this.f.tokens[k].norm];
      if (a) return a;
    }
    return null;
  }

  private addDim(m: ColumnMention, col: NlqColumn, which: boolean): void {
    const d = this.d;
    if (!d.dimensions.some((x) => x.column === col.name && !x.bucket)) {
      d.dimensions.push({ column: col.name, bucket: isTemporal(col) ? 'day' : undefined, which });
    }
    this.say(m.start, m.end, `grouped by ${col.name}`);
    this.prevRole = { role: 'dim', end: m.end, agg: null };
  }

  private addMeasure(m: ColumnMention, col: NlqColumn): void {
    const d = this.d;
    const prev = d.measures[d.measures.length - 1];
    // "longest running time": the superlative already named this column.
    if (prev?.superlative && prev.column === col && m.start - prev.start <= 2) return;
    let agg: Aggregate | null = null;
    let superlative: 'max' | 'min' | undefined;
    const chained = this.prevRole?.role === 'measure' && this.onlyJoinersBetween(this.prevRole.end, m.start);
    if (this.agg) {
      if (this.agg.superlative && (this.agg.agg === 'max' || this.agg.agg === 'min'))
        superlative = this.agg.agg;
      else agg = this.agg.agg;
      this.agg = null;
    } else if (chained) agg = this.prevRole?.agg ?? null;
    else {
      agg = this.embeddedAgg(m);
      // "windiest" names the column `wind` itself: the word is still a superlative.
      const word = m.end - m.start === 1 ? SUPERLATIVES[this.f.tokens[m.start].norm] : undefined;
      if (agg === null && word?.concept) {
        superlative = word.agg;
        d.sortDir ??= word.agg === 'min' ? 'asc' : 'desc';
      }
    }
    d.measures.push({ column: col, agg, superlative, start: m.start });
    const hit = this.having.get(m);
    if (hit)
      d.having.push({
        measure: d.measures.length - 1,
        op: hit.op === 'between' ? 'gte' : hit.op,
        value: hit.value,
      });
    this.say(
      m.start,
      m.end,
      `${agg ?? (superlative ? `${superlative === 'max' ? 'highest' : 'lowest'}` : 'value of')} ${col.name}`,
    );
    this.prevRole = { role: 'measure', end: m.end, agg };
  }
}
