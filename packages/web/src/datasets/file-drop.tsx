import { ActionIcon, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { type DragEvent, useRef, useState } from 'react';
import { IconFile, IconUpload, IconX } from '../components/data-icons.tsx';
import { formatBytes } from '../lib/format.ts';

const ACCEPT = '.csv,.tsv,.txt,.json,.ndjson,.jsonl,.parquet,.xlsx,.gz';

interface FileDropProps {
  file: File | null;
  onFile: (file: File | null) => void;
  disabled?: boolean;
}

/** A drop area for one file that is also a button opening the file picker. */
export function FileDrop({ file, onFile, disabled }: FileDropProps) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  function drop(event: DragEvent<HTMLButtonElement>): void {
    event.preventDefault();
    setOver(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped && !disabled) onFile(dropped);
  }

  return (
    <>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        data-testid="upload-file-input"
        onChange={(e) => {
          onFile(e.currentTarget.files?.[0] ?? null);
          e.currentTarget.value = '';
        }}
      />
      {file ? (
        <Paper withBorder radius="md" p="sm" data-testid="upload-file">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <ThemeIcon variant="light" size={36} radius="md">
                <IconFile size={18} />
              </ThemeIcon>
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} truncate data-testid="upload-file-name">
                  {file.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatBytes(file.size)}
                </Text>
              </div>
            </Group>
            {!disabled && (
              <ActionIcon variant="subtle" color="gray" onClick={() => onFile(null)} aria-label="Remove file">
                <IconX size={16} />
              </ActionIcon>
            )}
          </Group>
        </Paper>
      ) : (
        <button
          type="button"
          aria-label="Choose a file to upload"
          className="uam-dropzone"
          data-over={over || undefined}
          data-testid="upload-dropzone"
          onClick={() => input.current?.click()}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={drop}
        >
          <Stack align="center" gap={6}>
            <ThemeIcon variant="light" size={44} radius="xl">
              <IconUpload size={22} />
            </ThemeIcon>
            <Text size="sm" fw={600}>
              Drop a file here or <span style={{ color: 'var(--mantine-color-indigo-6)' }}>browse</span>
            </Text>
            <Text size="xs" c="dimmed" ta="center">
              CSV, TSV, JSON, NDJSON, Parquet, Excel (.xlsx), or any of these gzipped
            </Text>
          </Stack>
        </button>
      )}
    </>
  );
}
