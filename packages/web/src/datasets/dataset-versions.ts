import type { Dataset, Version } from '../api/dataset-types.ts';

/**
 * The number of the dataset's current version. The contract gives it as `currentVersion`; a
 * server that names it by id (`currentVersionId`) is matched against the version list.
 */
export function currentVersionNumber(
  dataset: Dataset | undefined,
  versions: Version[] | undefined,
): number | null {
  if (!dataset) return null;
  if (typeof dataset.currentVersion === 'number') return dataset.currentVersion;
  const byId = dataset.currentVersionId
    ? versions?.find((v) => v.id === dataset.currentVersionId)
    : undefined;
  return byId?.number ?? null;
}

/** Number of the version this one was derived from, when the lineage names one. */
export function parentNumber(version: Version, versions: Version[]): number | null {
  const { lineage } = version;
  if (typeof lineage.parentVersion === 'number') return lineage.parentVersion;
  if (lineage.parentVersionId) return versions.find((v) => v.id === lineage.parentVersionId)?.number ?? null;
  return null;
}

/**
 * Where a version came from, in words.
 *
 * ### Example
 * ```ts
 * lineageText(v3, all); // "Schema change of v2"
 * ```
 */
export function lineageText(version: Version, versions: Version[]): string {
  const parent = parentNumber(version, versions);
  const of = parent === null ? '' : ` of v${parent}`;
  switch (version.lineage.kind) {
    case 'schema_change':
      return `Schema change${of}`;
    case 'clean':
      return `Cleaning${of}`;
    default:
      return version.sourceFileName ? `Upload of ${version.sourceFileName}` : 'Upload';
  }
}

/** Versions newest first (the API may list them either way). */
export function newestFirst(versions: Version[]): Version[] {
  return [...versions].sort((a, b) => b.number - a.number);
}
