import { UamError } from '../../errors/index.ts';

interface SdkError {
  name?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/**
 * Map an S3 SDK error to a UamError. A 404 means the object is missing (STORAGE_NOT_FOUND),
 * unless `missing` says the thing looked up was the bucket: that is a broken set-up, not a
 * missing file. Everything else is STORAGE_ERROR. The message and details carry only the S3
 * error name, HTTP status and request id, and the SDK error is deliberately not attached as
 * `cause`: it holds the raw request, and nothing from it should reach logs or clients.
 */
export function s3Error(e: unknown, operation: string, missing: 'object' | 'bucket' = 'object'): UamError {
  if (e instanceof UamError) return e;
  const err = (e ?? {}) as SdkError;
  const name = typeof err.name === 'string' ? err.name : 'UnknownError';
  const status = err.$metadata?.httpStatusCode;
  if (name === 'NoSuchBucket' || (missing === 'bucket' && status === 404)) {
    return new UamError('STORAGE_ERROR', 'The storage bucket does not exist', { operation, s3Code: name });
  }
  if (name === 'NoSuchKey' || name === 'NotFound' || status === 404) {
    return new UamError('STORAGE_NOT_FOUND', undefined, { operation });
  }
  const detail = status ? `${name}, HTTP ${status}` : name;
  return new UamError('STORAGE_ERROR', `The file store failed to ${operation} (${detail})`, {
    operation,
    s3Code: name,
    status,
    requestId: err.$metadata?.requestId,
  });
}

/** True for the 404 a HEAD on a missing bucket answers (HEAD responses carry no error code). */
export function isMissingBucket(e: unknown): boolean {
  const err = (e ?? {}) as SdkError;
  return err.name === 'NotFound' || err.name === 'NoSuchBucket' || err.$metadata?.httpStatusCode === 404;
}
