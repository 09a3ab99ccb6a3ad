import { Group, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { VegaLiteSpec } from '../api/ask-types.ts';
import {
  type CategoryChart,
  type ChartModel,
  chartModel,
  compact,
  type PieChart,
  type PointChart,
} from './chart-model.ts';

/** Series colours: distinct in hue and lightness, readable on white. */
export const PALETTE = [
  '#4c6ef5',
  '#12b886',
  '#fab005',
  '#fa5252',
  '#7950f2',
  '#15aabf',
  '#fd7e14',
  '#e64980',
];
const W = 900;
const H = 300;
const AXIS = '#868e96';
const GRID = '#e9ecef';

/** The answer's Vega-Lite chart drawn as SVG; nothing when the spec is not one we draw. */
export function AnswerChart({ spec }: { spec: VegaLiteSpec | null }) {
  const model = useMemo(() => chartModel(spec), [spec]);
  if (!model) return null;
  return (
    <div data-testid="answer-chart" data-kind={model.kind}>
      {model.kind === 'pie' ? (
        <Pie model={model} />
      ) : model.kind === 'point' ? (
        <Scatter model={model} />
      ) : (
        <Categories model={model} />
      )}
      {model.kind !== 'point' && model.kind !== 'pie' && model.series.length > 1 && (
        <Legend labels={model.series} />
      )}
    </div>
  );
}

function Legend({ labels }: { labels: string[] }) {
  return (
    <Group gap="md" justify="center" mt={4}>
      {labels.map((l, i) => (
        <Group key={l} gap={6} wrap="nowrap">
          <span style={{ width: 10, height: 10, borderRadius: 2, background: PALETTE[i % PALETTE.length] }} />
          <Text size="xs" c="dimmed">
            {l}
          </Text>
        </Group>
      ))}
    </Group>
  );
}

/** Round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (lo === hi) {
    const pad = Math.abs(lo) || 1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = Math.floor(lo / step) * step; t <= hi + step * 1e-9; t += step)
    ticks.push(Math.round(t / step) * step);
  if (ticks[ticks.length - 1]! < hi) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks;
}

function valueScale(model: CategoryChart, length: number) {
  const all = model.values.flat().filter((v): v is number => v !== null);
  const [lo, hi] = model.domain ?? [Math.min(0, ...all), Math.max(0, ...all)];
  const ticks = model.domain ? niceTicks(lo, hi, 4) : niceTicks(lo, hi);
  const min = ticks[0]!;
  const max = ticks[ticks.length - 1]!;
  return { ticks, at: (v: number) => ((v - min) / (max - min || 1)) * length };
}

function Categories({ model }: { model: CategoryChart }) {
  const long = Math.max(...model.categories.map((c) => c.length));
  const rotate = !model.horizontal && (model.categories.length > 8 || long * model.categories.length > 80);
  const m = model.horizontal
    ? { left: Math.min(160, 14 + long * 6.5), right: 16, top: 10, bottom: 40 }
    : { left: 60, right: 16, top: 12, bottom: rotate ? 76 : 44 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const bandLen = (model.horizontal ? ph : pw) / model.categories.length;
  const scale = valueScale(model, model.horizontal ? pw : ph);
  // Value v sits at this distance along the value axis, from the axis origin.
  const pos = (v: number) => (model.horizontal ? m.left + scale.at(v) : m.top + ph - scale.at(v));
  const zero = pos(Math.max(scale.ticks[0]!, Math.min(0, scale.ticks[scale.ticks.length - 1]!)));
  const band = (i: number) => (model.horizontal ? m.top : m.left) + i * bandLen;
  // Bars stay slim when there are few categories; the band centres them.
  const inner = Math.min(bandLen * 0.72, 64 * model.series.length);
  const barLen = inner / model.series.length;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${model.yTitle} by ${model.xTitle}`}>
      {scale.ticks.map((t) => (
        <g key={t}>
          {model.horizontal ? (
            <>
              <line x1={pos(t)} x2={pos(t)} y1={m.top} y2={m.top + ph} stroke={GRID} />
              <text x={pos(t)} y={H - m.bottom + 16} fontSize={11} fill={AXIS} textAnchor="middle">
                {compact(t)}
              </text>
            </>
          ) : (
            <>
              <line x1={m.left} x2={W - m.right} y1={pos(t)} y2={pos(t)} stroke={GRID} />
              <text x={m.left - 8} y={pos(t) + 4} fontSize={11} fill={AXIS} textAnchor="end">
                {compact(t)}
              </text>
            </>
          )}
        </g>
      ))}
      {model.kind === 'bar'
        ? model.values.map((row, s) =>
            row.map((v, i) => {
              if (v === null) return null;
              const start = band(i) + (bandLen - inner) / 2 + s * barLen;
              const a = Math.min(pos(v), zero);
              const len = Math.max(1, Math.abs(pos(v) - zero));
              const label = `${model.categories[i]}${model.series[s] ? ` · ${model.series[s]}` : ''}: ${v.toLocaleString('en-US')}`;
              return model.horizontal ? (
                <rect
                  key={`${model.series[s]}\u0000${model.categories[i]}`}
                  x={a}
                  y={start}
                  width={len}
                  height={barLen}
                  rx={2}
                  fill={PALETTE[s % PALETTE.length]}
                >
                  <title>{label}</title>
                </rect>
              ) : (
                <rect
                  key={`${model.series[s]}\u0000${model.categories[i]}`}
                  x={start}
                  y={a}
                  width={barLen}
                  height={len}
                  rx={2}
                  fill={PALETTE[s % PALETTE.length]}
                >
                  <title>{label}</title>
                </rect>
              );
            }),
          )
        : model.values.map((row, s) => {
            const pts = row.flatMap((v, i) =>
              v === null ? [] : [[band(i) + bandLen / 2, pos(v), v, i] as const],
            );
            if (!pts.length) return null;
            const color = PALETTE[s % PALETTE.length];
            const d = pts.map(([x, y], k) => `${k ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
            return (
              <g key={model.series[s] ?? s}>
                {model.kind === 'area' && (
                  <path
                    d={`${d}L${pts[pts.length - 1]![0]},${zero}L${pts[0]![0]},${zero}Z`}
                    fill={color}
                    opacity={0.18}
                  />
                )}
                <path d={d} fill="none" stroke={color} strokeWidth={2.2} strokeLinejoin="round" />
                {pts.length <= 60 &&
                  pts.map(([x, y, v, i]) => (
                    <circle key={i} cx={x} cy={y} r={3.2} fill="#fff" stroke={color} strokeWidth={2}>
                      <title>{`${model.categories[i]}: ${v.toLocaleString('en-US')}`}</title>
                    </circle>
                  ))}
              </g>
            );
          })}
      {model.horizontal ? (
        <line x1={zero} x2={zero} y1={m.top} y2={m.top + ph} stroke={AXIS} />
      ) : (
        <line x1={m.left} x2={W - m.right} y1={zero} y2={zero} stroke={AXIS} />
      )}
      {model.categories.map((c, i) => {
        const every = Math.ceil(model.categories.length / (model.horizontal ? 30 : rotate ? 40 : 20));
        if (i % every) return null;
        const at = band(i) + bandLen / 2;
        const text = c.length > 22 ? `${c.slice(0, 21)}…` : c;
        return model.horizontal ? (
          <text key={c} x={m.left - 8} y={at + 4} fontSize={11} fill="#495057" textAnchor="end">
            {text}
          </text>
        ) : rotate ? (
          <text
            key={c}
            fontSize={11}
            fill="#495057"
            textAnchor="end"
            transform={`translate(${at},${m.top + ph + 12}) rotate(-40)`}
          >
            {text}
          </text>
        ) : (
          <text key={c} x={at} y={m.top + ph + 18} fontSize={11} fill="#495057" textAnchor="middle">
            {text}
          </text>
        );
      })}
      <text
        fontSize={11}
        fill={AXIS}
        textAnchor="middle"
        transform={
          model.horizontal
            ? `translate(${m.left + pw / 2},${H - 6})`
            : `translate(14,${m.top + ph / 2}) rotate(-90)`
        }
      >
        {model.yTitle}
      </text>
    </svg>
  );
}

function Scatter({ model }: { model: PointChart }) {
  const m = { left: 60, right: 16, top: 12, bottom: 44 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const xs = niceTicks(Math.min(...model.points.map((p) => p.x)), Math.max(...model.points.map((p) => p.x)));
  const ys = niceTicks(Math.min(...model.points.map((p) => p.y)), Math.max(...model.points.map((p) => p.y)));
  const sx = (v: number) => m.left + ((v - xs[0]!) / (xs[xs.length - 1]! - xs[0]! || 1)) * pw;
  const sy = (v: number) => m.top + ph - ((v - ys[0]!) / (ys[ys.length - 1]! - ys[0]! || 1)) * ph;
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width="100%"
      role="img"
      aria-label={`${model.yTitle} against ${model.xTitle}`}
    >
      {ys.map((t) => (
        <g key={`y${t}`}>
          <line x1={m.left} x2={W - m.right} y1={sy(t)} y2={sy(t)} stroke={GRID} />
          <text x={m.left - 8} y={sy(t) + 4} fontSize={11} fill={AXIS} textAnchor="end">
            {compact(t)}
          </text>
        </g>
      ))}
      {xs.map((t) => (
        <text key={`x${t}`} x={sx(t)} y={H - m.bottom + 18} fontSize={11} fill={AXIS} textAnchor="middle">
          {compact(t)}
        </text>
      ))}
      {model.points.slice(0, 3000).map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: points are positional and never reordered.
        <circle key={i} cx={sx(p.x)} cy={sy(p.y)} r={3} fill={PALETTE[0]} opacity={0.6} />
      ))}
      <text x={m.left + pw / 2} y={H - 6} fontSize={11} fill={AXIS} textAnchor="middle">
        {model.xTitle}
      </text>
      <text
        fontSize={11}
        fill={AXIS}
        textAnchor="middle"
        transform={`translate(14,${m.top + ph / 2}) rotate(-90)`}
      >
        {model.yTitle}
      </text>
    </svg>
  );
}

function Pie({ model }: { model: PieChart }) {
  const total = model.slices.reduce((s, x) => s + x.value, 0);
  const cx = 150;
  const cy = H / 2;
  const r = 120;
  let angle = -Math.PI / 2;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={model.title}>
      {model.slices.map((s, i) => {
        const sweep = (s.value / total) * Math.PI * 2;
        const a0 = angle;
        angle += sweep;
        const large = sweep > Math.PI ? 1 : 0;
        const p = (a: number) => `${(cx + r * Math.cos(a)).toFixed(2)},${(cy + r * Math.sin(a)).toFixed(2)}`;
        const d =
          model.slices.length === 1
            ? `M${cx - r},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`
            : `M${cx},${cy}L${p(a0)}A${r},${r} 0 ${large} 1 ${p(angle)}Z`;
        return (
          <path key={s.label} d={d} fill={PALETTE[i % PALETTE.length]} stroke="#fff" strokeWidth={1.5}>
            <title>{`${s.label}: ${s.value.toLocaleString('en-US')}`}</title>
          </path>
        );
      })}
      {model.slices.slice(0, 12).map((s, i) => (
        <g key={s.label} transform={`translate(320,${40 + i * 20})`}>
          <rect width={10} height={10} rx={2} fill={PALETTE[i % PALETTE.length]} />
          <text x={16} y={9} fontSize={12} fill="#495057">
            {`${s.label} — ${((s.value / total) * 100).toFixed(1)}%`}
          </text>
        </g>
      ))}
    </svg>
  );
}

export type { ChartModel };
