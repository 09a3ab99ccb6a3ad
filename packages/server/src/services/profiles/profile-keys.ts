import { datasetPrefix } from '../datasets/dataset-keys.ts';

/**
 * Storage key of a profile's JSON: under the dataset's folder (so purging the dataset removes
 * it) and per job, so a re-profile never overwrites the result readers may be fetching.
 */
export function profileKey(projectId: string, datasetId: string, versionId: string, jobId: string): string {
  return `${datasetPrefix(projectId, datasetId)}/profiles/${versionId}-${jobId}.json`;
}

/** Datasets wider than this are not profiled automatically after an ingest (POST still works). */
export const AUTO_PROFILE_MAX_COLUMNS = 1000;

/** Rows a clean preview returns. */
export const PREVIEW_ROWS = 100;
