import { Box, Text } from '@mantine/core';
import { compact, GRID, INDIGO } from './charts.tsx';

/** Sampled points of two numeric columns (the profile's scatter specs), axes from min to max. */
export function Scatter({
  points,
  x,
  y,
  height = 200,
}: {
  points: { x: number; y: number }[];
  x: string;
  y: string;
  height?: number;
}) {
  if (points.length === 0) return null;
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    x1 = Math.max(x1, p.x);
    y0 = Math.min(y0, p.y);
    y1 = Math.max(y1, p.y);
  }
  const sx = (v: number) => (x1 === x0 ? 50 : ((v - x0) / (x1 - x0)) * 96 + 2);
  const sy = (v: number) => (y1 === y0 ? height / 2 : height - 4 - ((v - y0) / (y1 - y0)) * (height - 8));
  return (
    <Box data-testid="chart-scatter">
      <svg viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" width="100%" height={height} role="img">
        <title>{`${y} against ${x}`}</title>
        <rect
          x={0}
          y={0}
          width={100}
          height={height}
          fill="none"
          stroke={GRID}
          vectorEffect="non-scaling-stroke"
        />
        {points.map((p, i) => (
          <ellipse
            // biome-ignore lint/suspicious/noArrayIndexKey: points are positional.
            key={i}
            cx={sx(p.x)}
            cy={sy(p.y)}
            rx={0.45}
            ry={1.6}
            fill={INDIGO}
            fillOpacity={0.35}
          />
        ))}
      </svg>
      <Box style={{ display: 'flex', justifyContent: 'space-between' }}>
        <Text size="xs" c="dimmed">
          {x}: {compact(x0)} – {compact(x1)}
        </Text>
        <Text size="xs" c="dimmed">
          {y}: {compact(y0)} – {compact(y1)}
        </Text>
      </Box>
    </Box>
  );
}
