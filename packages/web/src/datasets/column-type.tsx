import { Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import type { SemanticType, StorageType } from '../api/dataset-types.ts';
import {
  IconCalendar,
  IconClock,
  IconDecimal,
  IconHash,
  IconText,
  IconToggle,
} from '../components/data-icons.tsx';

const ICONS: Record<StorageType, (size: number) => ReactNode> = {
  integer: (size) => <IconHash size={size} />,
  float: (size) => <IconDecimal size={size} />,
  decimal: (size) => <IconDecimal size={size} />,
  boolean: (size) => <IconToggle size={size} />,
  date: (size) => <IconCalendar size={size} />,
  datetime: (size) => <IconCalendar size={size} />,
  time: (size) => <IconClock size={size} />,
  string: (size) => <IconText size={size} />,
};

export const STORAGE_LABELS: Record<StorageType, string> = {
  integer: 'Integer',
  float: 'Float',
  decimal: 'Decimal',
  boolean: 'Boolean',
  date: 'Date',
  datetime: 'Date & time',
  time: 'Time',
  string: 'Text',
};

export const SEMANTIC_LABELS: Record<SemanticType, string> = {
  numeric: 'Numeric',
  categorical: 'Categorical',
  ordinal: 'Ordinal',
  identifier: 'Identifier',
  free_text: 'Free text',
  email: 'Email',
  url: 'URL',
  phone: 'Phone',
  currency: 'Currency',
  percentage: 'Percentage',
  latitude: 'Latitude',
  longitude: 'Longitude',
  postal_code: 'Postal code',
  datetime: 'Date/time',
  boolean: 'Boolean',
};

/** Numbers are right-aligned in tables so their digits line up. */
export function isNumericType(type: string): boolean {
  return type === 'integer' || type === 'float' || type === 'decimal';
}

/** The storage type as a small icon with its name in a tooltip; unknown types get the text icon. */
export function TypeIcon({ type, size = 14 }: { type: string; size?: number }) {
  const known = type in ICONS ? (type as StorageType) : 'string';
  return (
    <Tooltip label={STORAGE_LABELS[known]} withArrow openDelay={300}>
      <span
        style={{ display: 'inline-flex', color: 'var(--mantine-color-indigo-5)', flexShrink: 0 }}
        aria-label={STORAGE_LABELS[known]}
        role="img"
      >
        {ICONS[known](size)}
      </span>
    </Tooltip>
  );
}
