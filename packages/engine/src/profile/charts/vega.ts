import type { ChartSpec } from '../types.ts';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A chart with the shared frame: schema, title, size, and data inlined as `values`. */
export function chart(
  id: string,
  kind: ChartSpec['kind'],
  title: string,
  columns: string[],
  values: Record<string, unknown>[],
  body: Record<string, unknown>,
  size: { width?: number | 'container'; height?: number } = {},
): ChartSpec {
  return {
    id,
    title,
    kind,
    columns,
    spec: {
      $schema: VEGA_LITE_SCHEMA,
      title,
      width: size.width ?? 'container',
      height: size.height ?? 200,
      data: { values },
      ...body,
    },
  };
}

/** Chart ids are derived from column positions so they are stable and safe in URLs. */
export function chartId(kind: string, ...indexes: number[]): string {
  return `${kind}-${indexes.join('-')}`;
}
