import { Box, Text, Tooltip } from '@mantine/core';

/** Diverging colour for an association in [-1, 1]: blue negative, red positive. */
export function associationColor(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'var(--mantine-color-gray-1)';
  const a = Math.min(1, Math.abs(v));
  const hue = v >= 0 ? 8 : 220;
  return `hsl(${hue} 75% ${97 - a * 47}%)`;
}

/** The association matrix (method per cell) as a heatmap with hover details. */
export function Heatmap({
  columns,
  values,
  methods,
}: {
  columns: string[];
  values: (number | null)[][];
  methods: (string | null)[][];
}) {
  const cell = columns.length > 16 ? 22 : 34;
  // Room for the longest name (about 7 px a character), at most 120 px.
  const label = Math.min(120, 12 + 7 * Math.max(...columns.map((c) => c.length)));
  return (
    <Box style={{ overflowX: 'auto' }} data-testid="chart-heatmap">
      <Box
        style={{
          display: 'grid',
          gridTemplateColumns: `${label}px repeat(${columns.length}, ${cell}px)`,
          gap: 2,
        }}
      >
        <Box />
        {columns.map((c) => (
          <Box
            key={c}
            h={label}
            style={{ display: 'flex', alignItems: 'flex-end', justifyContent: 'center' }}
          >
            <Text
              size="xs"
              style={{ writingMode: 'vertical-rl', transform: 'rotate(180deg)', whiteSpace: 'nowrap' }}
              truncate
            >
              {c}
            </Text>
          </Box>
        ))}
        {columns.map((row, i) => [
          <Text key={`l-${row}`} size="xs" truncate ta="right" pr={6} style={{ lineHeight: `${cell}px` }}>
            {row}
          </Text>,
          ...columns.map((col, j) => {
            const v = values[i]?.[j] ?? null;
            return (
              <Tooltip
                key={`${row}-${col}`}
                label={`${row} × ${col}: ${v === null ? 'n/a' : v.toFixed(3)} (${methods[i]?.[j] ?? '—'})`}
                withArrow
              >
                <Box
                  w={cell}
                  h={cell}
                  bg={associationColor(v)}
                  style={{ borderRadius: 3, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
                >
                  {cell > 30 && v !== null && (
                    <Text size="9px" c={Math.abs(v) > 0.6 ? 'white' : 'dark.4'}>
                      {v.toFixed(2)}
                    </Text>
                  )}
                </Box>
              </Tooltip>
            );
          }),
        ])}
      </Box>
    </Box>
  );
}
