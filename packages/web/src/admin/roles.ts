import type { PlatformRole } from '../api/types.ts';

export const ROLE_OPTIONS: { value: PlatformRole; label: string }[] = [
  { value: 'admin', label: 'Admin' },
  { value: 'analyst', label: 'Analyst' },
  { value: 'viewer', label: 'Viewer' },
];
