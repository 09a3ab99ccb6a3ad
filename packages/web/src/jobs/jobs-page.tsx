import { PageHeader } from '../components/page-header.tsx';
import { JobsPanel } from './jobs-panel.tsx';

export function JobsPage() {
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Every background job in your organization: imports, profiles, training runs and reports."
      />
      <JobsPanel title="Recent jobs" />
    </>
  );
}
