import { ActionIcon, Button, Menu, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { DownloadLink, ExportFormat } from '../api/dataset-types.ts';
import { useApi } from '../app-context.tsx';
import { IconChevronDown, IconDownload } from '../components/data-icons.tsx';

const FORMATS: { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'csv', label: 'CSV', hint: 'Comma-separated text' },
  { format: 'xlsx', label: 'Excel', hint: '.xlsx workbook' },
  { format: 'parquet', label: 'Parquet', hint: 'Typed, compressed columns' },
  { format: 'json', label: 'JSON', hint: 'An array of records' },
];

interface DownloadMenuProps {
  datasetId: string;
  /** Version number; null means the current version. */
  version: number | null;
  onError: (error: unknown) => void;
  /** An icon button (for lists) instead of a labelled one. */
  compact?: boolean;
  testId?: string;
}

/** Download a version as CSV, Excel, Parquet or JSON through a short-lived signed link. */
export function DownloadMenu({
  datasetId,
  version,
  onError,
  compact,
  testId = 'download-menu',
}: DownloadMenuProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);

  async function download(format: ExportFormat): Promise<void> {
    setBusy(true);
    try {
      openLink(await api.datasets.download(datasetId, format, version));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Menu position="bottom-end" shadow="md" width={220} withinPortal>
      <Menu.Target>
        {compact ? (
          <Tooltip label="Download this version" withArrow>
            <ActionIcon
              variant="subtle"
              color="gray"
              loading={busy}
              aria-label="Download this version"
              data-testid={testId}
            >
              <IconDownload size={16} />
            </ActionIcon>
          </Tooltip>
        ) : (
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            rightSection={<IconChevronDown size={14} />}
            loading={busy}
            data-testid={testId}
          >
            Download
          </Button>
        )}
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{version === null ? 'Current version' : `Version ${version}`}</Menu.Label>
        {FORMATS.map(({ format, label, hint }) => (
          <Menu.Item key={format} onClick={() => void download(format)} data-testid={`download-${format}`}>
            {label}
            <span style={{ display: 'block', fontSize: 11, color: 'var(--mantine-color-dimmed)' }}>
              {hint}
            </span>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** Starts the browser's download of a signed link (served as an attachment). */
function openLink(link: DownloadLink): void {
  const a = document.createElement('a');
  a.href = link.url;
  a.download = link.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}
