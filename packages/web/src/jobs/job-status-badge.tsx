import { Badge } from '@mantine/core';
import type { JobStatus } from '../api/types.ts';

export const JOB_STATUS_COLORS: Record<JobStatus, string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'teal',
  failed: 'red',
  cancelled: 'orange',
};

export function JobStatusBadge({ status }: { status: JobStatus }) {
  return (
    <Badge variant="light" color={JOB_STATUS_COLORS[status]} size="sm" data-testid="job-status" miw={84}>
      {status}
    </Badge>
  );
}
