import { Box, Text } from '@mantine/core';

/**
 * Small SVG charts for profiles, drawn from the profile's numbers (the same data its
 * Vega-Lite specs inline): no charting runtime in the bundle, crisp at any size.
 */

export const INDIGO = 'var(--mantine-color-indigo-5)';
export const GRID = 'var(--mantine-color-gray-3)';

export function compact(n: number | null | undefined, digits = 3): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const a = Math.abs(n);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return n.toExponential(2);
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return Number(n.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** Equal-width histogram: one bar per bin, min and max under the axis. */
export function Histogram({
  edges,
  counts,
  height = 90,
}: {
  edges: number[];
  counts: number[];
  height?: number;
}) {
  const max = Math.max(1, ...counts);
  const w = 100 / Math.max(1, counts.length);
  return (
    <Box data-testid="chart-histogram">
      <svg viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" width="100%" height={height} role="img">
        <title>Histogram</title>
        <line
          x1={0}
          x2={100}
          y1={height - 0.5}
          y2={height - 0.5}
          stroke={GRID}
          strokeWidth={1}
          vectorEffect="non-scaling-stroke"
        />
        {counts.map((c, i) => {
          const h = (c / max) * (height - 4);
          return (
            <rect
              // biome-ignore lint/suspicious/noArrayIndexKey: bins are positional.
              key={i}
              x={i * w + w * 0.08}
              y={height - h - 1}
              width={w * 0.84}
              height={h}
              fill={INDIGO}
              rx={0.6}
            >
              <title>{`[${compact(edges[i])}, ${compact(edges[i + 1])}): ${c.toLocaleString('en-US')}`}</title>
            </rect>
          );
        })}
      </svg>
      <Box style={{ display: 'flex', justifyContent: 'space-between' }}>
        <Text size="xs" c="dimmed">
          {compact(edges[0])}
        </Text>
        <Text size="xs" c="dimmed">
          {compact(edges[edges.length - 1])}
        </Text>
      </Box>
    </Box>
  );
}

/** Horizontal bars of the most frequent values with their share. */
export function TopValues({
  values,
  limit = 6,
}: {
  values: { value: string | number; count: number; share: number }[];
  limit?: number;
}) {
  const top = values.slice(0, limit);
  const max = Math.max(1e-9, ...top.map((v) => v.share));
  return (
    <Box data-testid="chart-bars" style={{ display: 'grid', gap: 4 }}>
      {top.map((v) => (
        <Box
          key={String(v.value)}
          style={{ display: 'grid', gridTemplateColumns: '38% 1fr 44px', gap: 6, alignItems: 'center' }}
        >
          <Text size="xs" truncate title={String(v.value)}>
            {v.value === '' ? '(empty)' : String(v.value)}
          </Text>
          <Box h={10} bg="gray.1" style={{ borderRadius: 3, overflow: 'hidden' }}>
            <Box h="100%" w={`${(v.share / max) * 100}%`} bg="indigo.4" />
          </Box>
          <Text size="xs" c="dimmed" ta="right">
            {(v.share * 100).toFixed(1)}%
          </Text>
        </Box>
      ))}
    </Box>
  );
}

/** Counts over time (datetime columns) as an area line. */
export function Sparkline({
  points,
  height = 90,
}: {
  points: { t: string; count: number }[];
  height?: number;
}) {
  if (points.length < 2) return null;
  const max = Math.max(1, ...points.map((p) => p.count));
  const xy = points.map((p, i) => [
    (i / (points.length - 1)) * 100,
    height - 2 - (p.count / max) * (height - 6),
  ]);
  const line = xy.map(([x, y]) => `${x!.toFixed(2)},${y!.toFixed(2)}`).join(' ');
  return (
    <Box data-testid="chart-timeseries">
      <svg viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" width="100%" height={height} role="img">
        <title>Rows over time</title>
        <polygon points={`0,${height} ${line} 100,${height}`} fill="var(--mantine-color-indigo-1)" />
        <polyline
          points={line}
          fill="none"
          stroke={INDIGO}
          strokeWidth={1.5}
          vectorEffect="non-scaling-stroke"
        />
      </svg>
      <Box style={{ display: 'flex', justifyContent: 'space-between' }}>
        <Text size="xs" c="dimmed">
          {points[0]!.t.slice(0, 10)}
        </Text>
        <Text size="xs" c="dimmed">
          {points[points.length - 1]!.t.slice(0, 10)}
        </Text>
      </Box>
    </Box>
  );
}
