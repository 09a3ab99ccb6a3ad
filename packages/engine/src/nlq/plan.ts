/**
 * The typed query plan: the only thing the SQL generator reads. It names columns and values
 * but holds no SQL text, so neither a question nor an LLM reply can reach writes, DDL, file
 * access, COPY, ATTACH or extension loads: there is no field that could say them. Objects are
 * strict, so an unexpected key (say `"sql"`) makes the whole plan invalid.
 */
import { z } from 'zod';

const ColumnRef = z.string().min(1).max(256);
const Scalar = z.union([z.string().max(500), z.number().finite(), z.boolean()]);
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date YYYY-MM-DD');

export const AGGREGATES = [
  'count',
  'count_distinct',
  'sum',
  'avg',
  'median',
  'min',
  'max',
  'stddev',
  'share',
] as const;
export type Aggregate = (typeof AGGREGATES)[number];

/** Calendar buckets (`year`..`hour`) and cyclic parts (`day_of_week`.. `hour_of_day`). */
export const TIME_BUCKETS = [
  'decade',
  'year',
  'quarter',
  'month',
  'week',
  'day',
  'hour',
  'day_of_week',
  'month_of_year',
  'quarter_of_year',
  'hour_of_day',
] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];

export const DATE_PARTS = ['day_of_week', 'month', 'quarter', 'year', 'hour'] as const;
export type DatePart = (typeof DATE_PARTS)[number];

const FilterSchema = z.discriminatedUnion('op', [
  z.strictObject({ column: ColumnRef, op: z.enum(['eq', 'neq']), value: Scalar }),
  z.strictObject({
    column: ColumnRef,
    op: z.enum(['in', 'not_in']),
    values: z.array(Scalar).min(1).max(200),
  }),
  z.strictObject({
    column: ColumnRef,
    op: z.enum(['gt', 'gte', 'lt', 'lte']),
    value: z.union([z.number().finite(), IsoDate]),
  }),
  z.strictObject({
    column: ColumnRef,
    op: z.literal('between'),
    from: z.number().finite(),
    to: z.number().finite(),
  }),
  /** Half-open [from, to): a whole day, month or year is `to` = the next one. */
  z.strictObject({ column: ColumnRef, op: z.literal('date_range'), from: IsoDate, to: IsoDate }),
  /** ISO numbering: day_of_week 1 = Monday .. 7 = Sunday; month 1..12; quarter 1..4. */
  z.strictObject({
    column: ColumnRef,
    op: z.literal('date_part'),
    part: z.enum(DATE_PARTS),
    values: z.array(z.number().int().min(0).max(9999)).min(1).max(31),
  }),
  z.strictObject({
    column: ColumnRef,
    op: z.enum(['contains', 'starts_with']),
    value: z.string().min(1).max(200),
  }),
  z.strictObject({ column: ColumnRef, op: z.enum(['is_null', 'not_null']) }),
  /** Rows at the column's last / first value among the rows the other filters keep. */
  z.strictObject({ column: ColumnRef, op: z.enum(['latest', 'earliest']) }),
]);
export type Filter = z.infer<typeof FilterSchema>;

const MeasureSchema = z.strictObject({
  agg: z.enum(AGGREGATES),
  /** null only for `count` (rows) and `share` (share of rows). */
  column: ColumnRef.nullable(),
  /** `share`: the part whose share of the whole is wanted, e.g. country = France. */
  where: z.array(FilterSchema).max(10).optional(),
});
export type Measure = z.infer<typeof MeasureSchema>;

const DimensionSchema = z.strictObject({ column: ColumnRef, bucket: z.enum(TIME_BUCKETS).optional() });
export type Dimension = z.infer<typeof DimensionSchema>;

const SortSchema = z.strictObject({
  /** `change`: by the change from the previous time bucket (needs `change: 'previous'`). */
  by: z.enum(['measure', 'dimension', 'column', 'change']),
  /** Position in `measures` / `dimensions` for those kinds of sort. */
  index: z.number().int().min(0).max(7).optional(),
  column: ColumnRef.optional(),
  dir: z.enum(['asc', 'desc']),
});
export type Sort = z.infer<typeof SortSchema>;

const HavingSchema = z.strictObject({
  measure: z.number().int().min(0).max(7),
  op: z.enum(['gt', 'gte', 'lt', 'lte', 'eq', 'neq']),
  value: z.number().finite(),
});
export type Having = z.infer<typeof HavingSchema>;

const PeriodSchema = z.strictObject({
  /** Becomes a result column name: letters, digits, spaces and date punctuation only. */
  label: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[\p{L}\p{N} .,/–-]+$/u, 'letters, digits, spaces and . , / - only'),
  column: ColumnRef,
  from: IsoDate,
  to: IsoDate,
});
export type Period = z.infer<typeof PeriodSchema>;

export const PLAN_KINDS = [
  'aggregate',
  'rows',
  'distinct',
  'distribution',
  'correlation',
  'compare_periods',
  'drivers',
] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const CHART_MARKS = ['auto', 'bar', 'line', 'area', 'point', 'arc', 'table'] as const;
export type ChartMark = (typeof CHART_MARKS)[number];

export const QueryPlanSchema = z.strictObject({
  version: z.literal(1),
  kind: z.enum(PLAN_KINDS),
  measures: z.array(MeasureSchema).max(8).default([]),
  dimensions: z.array(DimensionSchema).max(3).default([]),
  filters: z.array(FilterSchema).max(20).default([]),
  having: z.array(HavingSchema).max(5).default([]),
  sort: z.array(SortSchema).max(4).default([]),
  limit: z.number().int().min(1).max(10_000).nullable().default(null),
  /** Columns shown for `rows`, the column listed by `distinct`, the column of `distribution`. */
  select: z.array(ColumnRef).max(20).default([]),
  /** Adds each group's percentage of the total of the first measure. */
  share: z.boolean().default(false),
  /** Adds the change from the previous time bucket (first dimension must be time). */
  change: z.enum(['none', 'previous']).default('none'),
  /** For `compare_periods`: the first measure over each period, side by side. */
  periods: z.array(PeriodSchema).max(6).default([]),
  /** For `correlation` (two columns) and `drivers` (target first, then candidates). */
  correlate: z.array(ColumnRef).max(40).default([]),
  chart: z.enum(CHART_MARKS).default('auto'),
});

export type QueryPlan = z.infer<typeof QueryPlanSchema>;
export type QueryPlanInput = z.input<typeof QueryPlanSchema>;

/** A plan with every default filled in, for building plans in code. */
export function makePlan(input: Omit<QueryPlanInput, 'version'>): QueryPlan {
  return QueryPlanSchema.parse({ version: 1, ...input });
}

/** The plan language as JSON Schema, for the LLM prompt. */
export function planJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(QueryPlanSchema, { io: 'input' }) as Record<string, unknown>;
}

/** All columns a plan reads, for validation. */
export function planColumns(plan: QueryPlan): string[] {
  const cols: string[] = [];
  const filterCols = (fs: Filter[]) => {
    for (const f of fs) cols.push(f.column);
  };
  for (const m of plan.measures) {
    if (m.column) cols.push(m.column);
    filterCols(m.where ?? []);
  }
  for (const d of plan.dimensions) cols.push(d.column);
  filterCols(plan.filters);
  for (const s of plan.sort) if (s.column) cols.push(s.column);
  for (const p of plan.periods) cols.push(p.column);
  cols.push(...plan.select, ...plan.correlate);
  return cols;
}
