import type { ApiClient, RequestOptions } from './client.ts';
import type {
  Dataset,
  DownloadLink,
  ExportFormat,
  ParseOptions,
  RowsPage,
  RowsQuery,
  SearchHit,
  StorageType,
  Version,
  VersionAccepted,
} from './dataset-types.ts';
import type { Page } from './types.ts';

export interface DatasetListQuery {
  q?: string;
  limit?: number;
  cursor?: string | null;
  /** Also list soft-deleted datasets that can still be restored. */
  includeDeleted?: boolean;
}

/** The multipart body of an upload: the file, and what the user chose to say or force. */
export interface UploadBody {
  file: File;
  name?: string;
  description?: string;
  options?: ParseOptions;
}

export type UploadOptions = Pick<RequestOptions, 'onUploadProgress' | 'signal'>;

/** Dataset, version, rows, export and search operations. */
export function createDatasetEndpoints(api: ApiClient) {
  const ds = (id: string) => `/datasets/${enc(id)}`;
  return {
    list: (projectId: string, q: DatasetListQuery = {}) =>
      api.get<Page<Dataset>>(`/projects/${enc(projectId)}/datasets`, {
        query: { ...q, includeDeleted: q.includeDeleted ? 'true' : undefined },
      }),
    upload: (projectId: string, body: UploadBody, opts: UploadOptions = {}) =>
      api.upload<VersionAccepted>(`/projects/${enc(projectId)}/datasets`, uploadForm(body), opts),
    uploadVersion: (datasetId: string, body: UploadBody, opts: UploadOptions = {}) =>
      api.upload<VersionAccepted>(`${ds(datasetId)}/versions`, uploadForm(body), opts),
    get: (id: string) => api.get<{ dataset: Dataset; currentVersion?: Version | null }>(ds(id)),
    update: (id: string, body: { name?: string; description?: string; tags?: string[] }) =>
      api.patch<{ dataset: Dataset }>(ds(id), body),
    remove: (id: string) => api.delete<{ dataset: Dataset } | undefined>(ds(id)),
    restore: (id: string) => api.post<{ dataset: Dataset }>(`${ds(id)}/restore`),
    versions: (id: string) => api.get<{ items: Version[] }>(`${ds(id)}/versions`),
    version: (id: string, number: number) => api.get<{ version: Version }>(`${ds(id)}/versions/${number}`),
    changeSchema: (
      id: string,
      body: { version?: number; columns: { name: string; storageType: StorageType }[] },
    ) => api.patch<VersionAccepted>(`${ds(id)}/schema`, body),
    rows: (id: string, q: RowsQuery, signal?: AbortSignal) =>
      api.get<RowsPage>(`${ds(id)}/rows`, { query: { ...q }, signal }),
    download: (id: string, format: ExportFormat, version?: number | null) =>
      api.get<DownloadLink>(`${ds(id)}/download`, { query: { format, version } }),
  };
}

export function createSearchEndpoints(api: ApiClient) {
  return {
    query: (q: string, signal?: AbortSignal) =>
      api.get<{ items: SearchHit[] }>('/search', { query: { q }, signal }),
  };
}

function uploadForm(body: UploadBody): FormData {
  const form = new FormData();
  // Text fields go first: a streaming server reads them before the (large) file part.
  if (body.name?.trim()) form.append('name', body.name.trim());
  if (body.description?.trim()) form.append('description', body.description.trim());
  if (body.options && Object.keys(body.options).length > 0)
    form.append('options', JSON.stringify(body.options));
  form.append('file', body.file, body.file.name);
  return form;
}

const enc = encodeURIComponent;
