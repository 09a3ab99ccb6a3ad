/** In-app address of a dataset page. */
export function datasetHref(projectId: string, datasetId: string): string {
  return `/projects/${encodeURIComponent(projectId)}/datasets/${encodeURIComponent(datasetId)}`;
}
