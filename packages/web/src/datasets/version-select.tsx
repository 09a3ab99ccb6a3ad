import { NativeSelect } from '@mantine/core';
import type { Version } from '../api/dataset-types.ts';

interface VersionSelectProps {
  versions: Version[];
  current: number | null;
  value: number | null;
  onChange: (number: number) => void;
}

/** Which ready version the page shows; the current one is marked. */
export function VersionSelect({ versions, current, value, onChange }: VersionSelectProps) {
  const ready = versions.filter((v) => v.status === 'ready');
  if (ready.length === 0) return null;
  return (
    <NativeSelect
      aria-label="Version"
      value={value === null ? '' : String(value)}
      onChange={(e) => onChange(Number(e.currentTarget.value))}
      data={ready.map((v) => ({
        value: String(v.number),
        label: `v${v.number}${v.number === current ? ' (current)' : ''}`,
      }))}
      w={150}
      data-testid="version-select"
    />
  );
}
