import { Button, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { Version } from '../api/dataset-types.ts';
import { IconUpload } from '../components/data-icons.tsx';
import { datasetHref } from './dataset-links.ts';
import { FileDrop } from './file-drop.tsx';
import { EMPTY_DRAFT, nameFromFile, type ParseOptionsDraft, toParseOptions } from './parse-options.ts';
import { ParseOptionsFields } from './parse-options-fields.tsx';
import { UploadProgress } from './upload-progress.tsx';
import { type UploadTarget, useUpload } from './use-upload.ts';

interface UploadPanelProps {
  target: UploadTarget;
  projectId: string;
  /** Called once the new version is ready (or the upload settled, for a list to refresh). */
  onSettled?: (version: Version | null) => void;
}

/**
 * Pick or drop a file, optionally name it and force parse options, then follow it from bytes
 * sent to a ready version. For a new version (`target.datasetId`) the name fields are hidden.
 */
export function UploadPanel({ target, projectId, onSettled }: UploadPanelProps) {
  const upload = useUpload(target);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [draft, setDraft] = useState<ParseOptionsDraft>(EMPTY_DRAFT);
  const { state } = upload;
  const busy = state.phase === 'uploading' || state.phase === 'ingesting';
  const isNewDataset = 'projectId' in target;
  const notified = useRef<unknown>(null);

  useEffect(() => {
    if ((state.phase === 'ready' || state.phase === 'failed') && notified.current !== state) {
      notified.current = state;
      onSettled?.(state.phase === 'ready' ? state.version : null);
      if (state.phase === 'ready') setFile(null);
    }
  }, [state, onSettled]);

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!file || busy) return;
    void upload.start({ file, name, description, options: toParseOptions(draft) });
  }

  function reset(): void {
    upload.reset();
    setName('');
    setDescription('');
  }

  const href =
    'accepted' in state && state.accepted
      ? datasetHref(projectId, state.accepted.version.datasetId)
      : undefined;

  return (
    <form onSubmit={submit} data-testid="upload-panel">
      <Stack gap="md">
        {!busy && state.phase !== 'ready' && (
          <>
            <FileDrop file={file} onFile={setFile} />
            {isNewDataset && (
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput
                  label="Name"
                  placeholder={file ? nameFromFile(file.name) : 'From the file name'}
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  maxLength={200}
                  data-testid="upload-name"
                />
                <Textarea
                  label="Description"
                  placeholder="What is in this table? (optional)"
                  autosize
                  minRows={1}
                  maxRows={4}
                  value={description}
                  onChange={(e) => setDescription(e.currentTarget.value)}
                  data-testid="upload-description"
                />
              </SimpleGrid>
            )}
            <ParseOptionsFields draft={draft} onChange={setDraft} />
            <Group justify="flex-end">
              <Button
                type="submit"
                leftSection={<IconUpload size={16} />}
                disabled={!file}
                data-testid="upload-submit"
              >
                {isNewDataset ? 'Upload' : 'Upload new version'}
              </Button>
            </Group>
          </>
        )}
        <UploadProgress
          state={state}
          job={upload.job}
          datasetHref={isNewDataset ? href : undefined}
          onCancel={upload.cancel}
          onReset={reset}
        />
      </Stack>
    </form>
  );
}
