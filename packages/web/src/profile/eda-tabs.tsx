import { Tabs } from '@mantine/core';
import type { Version } from '../api/dataset-types.ts';
import { CleanTab } from '../clean/clean-tab.tsx';
import { NoReadyVersion } from '../datasets/no-ready-version.tsx';
import { DriftTab } from '../drift/drift-tab.tsx';
import { IconChart, IconDrift, IconWand } from './profile-icons.tsx';
import { ProfileTab } from './profile-tab.tsx';

/** The Profile, Clean and Drift tabs of a dataset page (inside its `Tabs.List`). */
export function EdaTabList() {
  return (
    <>
      <Tabs.Tab value="profile" leftSection={<IconChart size={16} />} data-testid="tab-profile">
        Profile
      </Tabs.Tab>
      <Tabs.Tab value="clean" leftSection={<IconWand size={16} />} data-testid="tab-clean">
        Clean
      </Tabs.Tab>
      <Tabs.Tab value="drift" leftSection={<IconDrift size={16} />} data-testid="tab-drift">
        Drift
      </Tabs.Tab>
    </>
  );
}

interface EdaTabPanelsProps {
  projectId: string;
  datasetId: string;
  version: number | null;
  versions: Version[];
  canEdit: boolean;
  onNewVersion(number: number): void;
}

/** Their panels (inside the same `Tabs`). */
export function EdaTabPanels({
  projectId,
  datasetId,
  version,
  versions,
  canEdit,
  onNewVersion,
}: EdaTabPanelsProps) {
  return (
    <>
      <Tabs.Panel value="profile">
        {version === null ? (
          <NoReadyVersion versions={versions} />
        ) : (
          <ProfileTab datasetId={datasetId} version={version} canEdit={canEdit} />
        )}
      </Tabs.Panel>
      <Tabs.Panel value="clean">
        {version === null ? (
          <NoReadyVersion versions={versions} />
        ) : (
          <CleanTab
            projectId={projectId}
            datasetId={datasetId}
            version={version}
            canEdit={canEdit}
            onNewVersion={onNewVersion}
          />
        )}
      </Tabs.Panel>
      <Tabs.Panel value="drift">
        <DriftTab datasetId={datasetId} versions={versions} />
      </Tabs.Panel>
    </>
  );
}
