import type { Config } from '../../config/config.ts';
import { FsStorage } from './fs-storage.ts';
import type { Storage } from './storage.ts';

export interface CreateStorageOptions {
  /** HMAC key for the filesystem store's download links (unused by S3, which presigns). */
  signingSecret: string;
  /** Origin the API is served from; the filesystem store's links point at its `/api/v1/files`. */
  publicBaseUrl: string;
}

/**
 * The store the config asks for, ready to use: the filesystem root exists, or the S3 bucket
 * exists (created when missing). Fails start-up rather than the first upload when it cannot.
 *
 * @example
 * const storage = await createStorage(config.storage, { signingSecret, publicBaseUrl });
 */
export async function createStorage(cfg: Config['storage'], opts: CreateStorageOptions): Promise<Storage> {
  if (cfg.kind === 'fs') {
    const storage = new FsStorage({ root: cfg.root, ...opts });
    await storage.init();
    return storage;
  }
  // Loaded on demand: the AWS SDK is large and embedded installs never need it.
  const { S3Storage } = await import('./s3-storage.ts');
  const storage = new S3Storage({
    bucket: cfg.bucket,
    region: cfg.region,
    endpoint: cfg.endpoint,
    accessKeyId: cfg.accessKeyId,
    secretAccessKey: cfg.secretAccessKey,
    forcePathStyle: cfg.forcePathStyle,
  });
  try {
    await storage.ensureBucket();
  } catch (e) {
    await storage.close();
    throw e;
  }
  return storage;
}
