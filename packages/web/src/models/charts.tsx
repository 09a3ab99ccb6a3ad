import { Table, Text } from '@mantine/core';

/**
 * Small dependency-free SVG charts for the model page: lines (ROC, PR, calibration, training
 * curves), horizontal bars (feature importance), points (actual vs predicted) and a
 * confusion-matrix heat table. Axes are linear; null points are skipped.
 */
export interface Series {
  name: string;
  x: ReadonlyArray<number | null>;
  y: ReadonlyArray<number | null>;
  color: string;
  /** Draw dots instead of a line. */
  points?: boolean;
}

interface LineChartProps {
  series: Series[];
  xLabel: string;
  yLabel: string;
  /** Fixed domains (e.g. [0, 1] for rates); default: the data's range. */
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Draw the y = x line (ROC chance line, perfect calibration, perfect prediction). */
  diagonal?: boolean;
  height?: number;
  testId?: string;
}

const W = 420;
const PAD = { left: 46, right: 12, top: 10, bottom: 36 };

export function LineChart({
  series,
  xLabel,
  yLabel,
  xDomain,
  yDomain,
  diagonal,
  height = 260,
  testId,
}: LineChartProps) {
  const H = height;
  const xs = series.flatMap((s) => s.x.filter((v): v is number => v !== null && Number.isFinite(v)));
  const ys = series.flatMap((s) => s.y.filter((v): v is number => v !== null && Number.isFinite(v)));
  const [x0, x1] = xDomain ?? extent(xs);
  const [y0, y1] = yDomain ?? extent(ys);
  const sx = (v: number) => PAD.left + ((v - x0) / (x1 - x0 || 1)) * (W - PAD.left - PAD.right);
  const sy = (v: number) => H - PAD.bottom - ((v - y0) / (y1 - y0 || 1)) * (H - PAD.top - PAD.bottom);
  const ticks = (a: number, b: number) => [0, 0.25, 0.5, 0.75, 1].map((t) => a + t * (b - a));
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-label={`${yLabel} by ${xLabel}`}
      data-testid={testId}
    >
      <rect
        x={PAD.left}
        y={PAD.top}
        width={W - PAD.left - PAD.right}
        height={H - PAD.top - PAD.bottom}
        fill="none"
        stroke="#dee2e6"
      />
      {ticks(x0, x1).map((v) => (
        <text
          key={`x${v}`}
          x={sx(v)}
          y={H - PAD.bottom + 14}
          fontSize={10}
          textAnchor="middle"
          fill="#868e96"
        >
          {fmt(v)}
        </text>
      ))}
      {ticks(y0, y1).map((v) => (
        <text key={`y${v}`} x={PAD.left - 4} y={sy(v) + 3} fontSize={10} textAnchor="end" fill="#868e96">
          {fmt(v)}
        </text>
      ))}
      <text x={(W + PAD.left) / 2} y={H - 4} fontSize={11} textAnchor="middle" fill="#495057">
        {xLabel}
      </text>
      <text
        x={12}
        y={(H - PAD.bottom) / 2}
        fontSize={11}
        textAnchor="middle"
        fill="#495057"
        transform={`rotate(-90 12 ${(H - PAD.bottom) / 2})`}
      >
        {yLabel}
      </text>
      {diagonal && (
        <line
          x1={sx(Math.max(x0, y0))}
          y1={sy(Math.max(x0, y0))}
          x2={sx(Math.min(x1, y1))}
          y2={sy(Math.min(x1, y1))}
          stroke="#adb5bd"
          strokeDasharray="4 4"
        />
      )}
      {series.map((s) =>
        s.points ? (
          <g key={s.name} fill={s.color} fillOpacity={0.6}>
            {s.x.map((x, i) =>
              x === null || s.y[i] === null ? null : (
                // biome-ignore lint/suspicious/noArrayIndexKey: points are positional and never reordered.
                <circle key={i} cx={sx(x)} cy={sy(s.y[i] as number)} r={2.5} />
              ),
            )}
          </g>
        ) : (
          <path
            key={s.name}
            d={pathOf(s, sx, sy)}
            fill="none"
            stroke={s.color}
            strokeWidth={2}
            data-series={s.name}
          />
        ),
      )}
      {series.length > 1 &&
        series.map((s, i) => (
          <g key={`legend-${s.name}`} transform={`translate(${PAD.left + 8 + i * 120}, ${PAD.top + 12})`}>
            <rect width={10} height={10} y={-9} fill={s.color} />
            <text x={14} fontSize={10} fill="#495057">
              {s.name}
            </text>
          </g>
        ))}
    </svg>
  );
}

function pathOf(s: Series, sx: (v: number) => number, sy: (v: number) => number): string {
  let d = '';
  for (let i = 0; i < s.x.length; i++) {
    const x = s.x[i];
    const y = s.y[i];
    if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    d += `${d ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`;
  }
  return d;
}

function extent(values: number[]): [number, number] {
  if (values.length === 0) return [0, 1];
  let lo = values[0]!;
  let hi = values[0]!;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi];
}

function fmt(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 10_000 || a < 0.01)) return v.toExponential(1);
  return Number(v.toFixed(a >= 100 ? 0 : 2)).toString();
}

/** Horizontal bars, largest first (feature importance). */
export function BarChart({ items, testId }: { items: { label: string; value: number }[]; testId?: string }) {
  const max = Math.max(...items.map((i) => i.value), 1e-12);
  const row = 20;
  const labelW = 170;
  const H = items.length * row + 4;
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-label="Feature importance"
      data-testid={testId}
    >
      {items.map((it, i) => (
        <g key={it.label} transform={`translate(0, ${i * row})`}>
          <text x={labelW - 6} y={14} fontSize={11} textAnchor="end" fill="#495057">
            {it.label.length > 26 ? `${it.label.slice(0, 25)}…` : it.label}
            <title>{it.label}</title>
          </text>
          <rect
            x={labelW}
            y={3}
            height={14}
            width={Math.max(1, (it.value / max) * (W - labelW - 50))}
            fill="#4c6ef5"
            rx={2}
          />
          <text x={labelW + (it.value / max) * (W - labelW - 50) + 4} y={14} fontSize={10} fill="#868e96">
            {fmt(it.value)}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** Rows are the true class, columns the predicted one; cells shaded by their row share. */
export function ConfusionMatrixTable({ classes, counts }: { classes: string[]; counts: number[][] }) {
  return (
    <Table withTableBorder withColumnBorders fz="xs" data-testid="confusion-matrix">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>
            <Text size="xs" c="dimmed">
              true ↓ / predicted →
            </Text>
          </Table.Th>
          {classes.map((c) => (
            <Table.Th key={c}>{c}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {counts.map((row, r) => {
          const total = row.reduce((a, b) => a + b, 0) || 1;
          return (
            <Table.Tr key={classes[r]}>
              <Table.Th>{classes[r]}</Table.Th>
              {row.map((v, c) => (
                <Table.Td
                  key={classes[c]}
                  style={{
                    background: `rgba(${r === c ? '64, 192, 87' : '250, 82, 82'}, ${(0.08 + 0.6 * (v / total)).toFixed(2)})`,
                  }}
                >
                  {v}
                </Table.Td>
              ))}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
