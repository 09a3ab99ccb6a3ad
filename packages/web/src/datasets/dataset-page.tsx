import { Badge, Button, Center, Loader, Stack, Tabs } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useCallback, useState } from 'react';
import { useApi, useSession } from '../app-context.tsx';
import { IconMessage } from '../ask/ask-icons.tsx';
import { AskTab } from '../ask/ask-tab.tsx';
import { IconColumns, IconHistory, IconTable, IconUpload } from '../components/data-icons.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { IconTrash } from '../components/icons.tsx';
import { useResource } from '../lib/use-resource.ts';
import { EdaTabList, EdaTabPanels } from '../profile/eda-tabs.tsx';
import { DataTab } from './data-tab.tsx';
import { DeleteDatasetModal, DeletedBanner } from './dataset-delete.tsx';
import { DatasetHeader } from './dataset-header.tsx';
import { DownloadMenu } from './download-menu.tsx';
import { NewVersionModal } from './new-version-modal.tsx';
import { NoReadyVersion } from './no-ready-version.tsx';
import { SchemaTab } from './schema-tab.tsx';
import { useDataset } from './use-dataset.ts';
import { VersionSelect } from './version-select.tsx';
import { VersionsTab } from './versions-tab.tsx';

interface DatasetPageProps {
  projectId: string;
  datasetId: string;
}

/** `/projects/:pid/datasets/:id`: browse a dataset's rows, schema and versions. */
export function DatasetPage({ projectId, datasetId }: DatasetPageProps) {
  const api = useApi();
  const session = useSession();
  const project = useResource(() => api.projects.get(projectId), [api, projectId]);
  const ds = useDataset(datasetId);
  const [tab, setTab] = useState<string | null>('data');
  const [selected, setSelected] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [uploading, upload] = useDisclosure(false);
  const [deleting, del] = useDisclosure(false);
  const { reload } = ds;

  const role = project.data?.project.role;
  const canEdit = role === 'owner' || role === 'editor' || session?.user.role === 'admin';
  const version = selected ?? ds.current;
  const versionInfo = ds.versions?.find((v) => v.number === version);

  const onNewVersion = useCallback(
    (number: number) => {
      setSelected(number);
      void reload();
    },
    [reload],
  );

  if (!ds.dataset) {
    return ds.error ? (
      <ErrorAlert error={ds.error} title="Could not open this dataset" />
    ) : (
      <Center py="xl">
        <Loader />
      </Center>
    );
  }
  const d = ds.dataset;
  const deleted = d.deletedAt !== null;

  return (
    <>
      <DatasetHeader
        dataset={d}
        projectName={project.data?.project.name ?? null}
        canEdit={canEdit}
        onChange={ds.setDataset}
        onError={setError}
        rows={versionInfo?.rowCount ?? null}
        columns={versionInfo?.columnCount ?? null}
        actions={
          <>
            {ds.versions && ds.versions.length > 0 && (
              <VersionSelect
                versions={ds.versions}
                current={ds.current}
                value={version}
                onChange={setSelected}
              />
            )}
            {canEdit && !deleted && (
              <Button
                variant="default"
                leftSection={<IconUpload size={16} />}
                onClick={upload.open}
                data-testid="new-version"
              >
                New version
              </Button>
            )}
            {version !== null && <DownloadMenu datasetId={d.id} version={version} onError={setError} />}
            {canEdit && !deleted && (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={del.open}
                data-testid="dataset-delete"
              >
                Delete
              </Button>
            )}
          </>
        }
      />
      <Stack gap="md">
        {deleted && <DeletedBanner dataset={d} onRestored={ds.setDataset} />}
        <ErrorAlert error={error} onClose={() => setError(null)} />
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="data" leftSection={<IconTable size={16} />} data-testid="tab-data">
              Data
            </Tabs.Tab>
            <Tabs.Tab value="ask" leftSection={<IconMessage size={16} />} data-testid="tab-ask">
              Ask
            </Tabs.Tab>
            <Tabs.Tab value="schema" leftSection={<IconColumns size={16} />} data-testid="tab-schema">
              Schema
            </Tabs.Tab>
            <EdaTabList />
            <Tabs.Tab
              value="versions"
              leftSection={<IconHistory size={16} />}
              rightSection={
                <Badge size="xs" variant="light" color="gray">
                  {ds.versions?.length ?? d.versionCount}
                </Badge>
              }
              data-testid="tab-versions"
            >
              Versions
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="data">
            {version === null ? (
              <NoReadyVersion versions={ds.versions ?? []} />
            ) : (
              <DataTab datasetId={d.id} version={version} versionRows={versionInfo?.rowCount ?? null} />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="ask">
            {version === null ? (
              <NoReadyVersion versions={ds.versions ?? []} />
            ) : (
              <AskTab datasetId={d.id} version={version} canPin={canEdit && !deleted} />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="schema">
            {version === null ? (
              <NoReadyVersion versions={ds.versions ?? []} />
            ) : (
              <SchemaTab
                datasetId={d.id}
                version={version}
                canEdit={canEdit && !deleted}
                onNewVersion={onNewVersion}
                onStarted={() => void ds.reloadVersions()}
              />
            )}
          </Tabs.Panel>
          <EdaTabPanels
            projectId={projectId}
            datasetId={d.id}
            version={version}
            versions={ds.versions ?? []}
            canEdit={canEdit && !deleted}
            onNewVersion={onNewVersion}
          />
          <Tabs.Panel value="versions">
            <VersionsTab
              versions={ds.versions ?? []}
              current={ds.current}
              selected={version}
              onBrowse={(n) => {
                setSelected(n);
                setTab('data');
              }}
            />
          </Tabs.Panel>
        </Tabs>
      </Stack>
      <NewVersionModal
        opened={uploading}
        onClose={upload.close}
        dataset={d}
        onReady={() => {
          setSelected(null);
          void reload();
        }}
      />
      <DeleteDatasetModal opened={deleting} onClose={del.close} dataset={d} onDeleted={ds.setDataset} />
    </>
  );
}
