import { pipeline, Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  type BucketLocationConstraint,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { UamError } from '../../errors/index.ts';
import { contentDisposition } from './content-disposition.ts';
import { assertExpiry } from './file-signature.ts';
import { HashMeter, ownOrDestroy } from './hash-meter.ts';
import { isMissingBucket, s3Error } from './s3-errors.ts';
import type { PutOptions, PutResult, SignedUrlOptions, Storage } from './storage.ts';
import { assertByteRange, assertSafeKey, folderPrefix } from './storage-key.ts';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** Omit for AWS; e.g. `http://127.0.0.1:7480` for radosgw or MinIO. */
  endpoint?: string;
  /** Omit both to use the SDK's default chain (env, instance role, ...). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `bucket` in the path rather than the host name; what MinIO and radosgw need. Default true. */
  forcePathStyle?: boolean;
  /** Multipart part size; memory per put is about partSize × (queueSize + 1). Default 8 MiB. */
  partSizeBytes?: number;
}

const QUEUE_SIZE = 2;

/**
 * The production store: an S3 bucket (AWS, MinIO, Ceph radosgw). Puts stream through
 * lib-storage's multipart Upload, so memory stays at a few parts whatever the file size; a failed
 * put aborts the multipart upload, leaving neither the object nor stray parts. Downloads are
 * presigned GETs straight from the bucket.
 */
export class S3Storage implements Storage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly partSize: number;

  constructor(options: S3StorageOptions) {
    this.bucket = options.bucket;
    this.partSize = options.partSizeBytes ?? 8 * 1024 * 1024;
    const credentials =
      options.accessKeyId && options.secretAccessKey
        ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
        : undefined;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      credentials,
      forcePathStyle: options.forcePathStyle ?? true,
      // With the SDK's default (WHEN_SUPPORTED) a streamed put was stored corrupted by one
      // S3-compatible server and refused (411) by another: only checksum what the API requires.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /** Create the bucket unless it exists; called at start-up so the first upload cannot fail on it. */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (e) {
      if (!isMissingBucket(e)) throw s3Error(e, 'ensureBucket', 'bucket');
    }
    const region = await this.client.config.region();
    const configuration =
      region === 'us-east-1' ? undefined : { LocationConstraint: region as BucketLocationConstraint };
    try {
      await this.client.send(
        new CreateBucketCommand({ Bucket: this.bucket, CreateBucketConfiguration: configuration }),
      );
    } catch (e) {
      // Another replica starting at the same time may have won the race.
      if ((e as Error).name !== 'BucketAlreadyOwnedByYou') throw s3Error(e, 'ensureBucket', 'bucket');
    }
  }

  async put(key: string, body: Readable, options: PutOptions = {}): Promise<PutResult> {
    const meter = ownOrDestroy(body, () => {
      assertSafeKey(key);
      return new HashMeter(options.maxBytes);
    });
    let sourceError: unknown;
    body.once('error', (e) => {
      sourceError = e;
    });
    // An error on either side destroys both, so the Upload reading the meter fails too.
    pipeline(body, meter, () => {});
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: meter, ContentType: options.contentType },
      partSize: this.partSize,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    try {
      // done() settles only after lib-storage aborted any multipart upload it had started.
      await upload.done();
    } catch (e) {
      // If S3 failed first, stop reading the source instead of leaving it paused forever.
      meter.destroy();
      if (e === sourceError || e instanceof UamError) throw e;
      throw s3Error(e, 'put');
    }
    return { key, bytes: meter.bytes, sha256: meter.digest() };
  }

  async get(key: string, range?: { start: number; end?: number }): Promise<Readable> {
    assertSafeKey(key);
    assertByteRange(range);
    const header = range ? `bytes=${range.start}-${range.end ?? ''}` : undefined;
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: header }),
      );
      return res.Body as Readable;
    } catch (e) {
      // S3 answers 416 for a range past the end; the contract (and the fs store) reads nothing.
      if ((e as Error).name === 'InvalidRange') return Readable.from([]);
      throw s3Error(e, 'get');
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.size(key);
      return true;
    } catch (e) {
      if (e instanceof UamError && e.code === 'STORAGE_NOT_FOUND') return false;
      throw e;
    }
  }

  async size(key: string): Promise<number> {
    assertSafeKey(key);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return head.ContentLength ?? 0;
    } catch (e) {
      throw s3Error(e, 'size');
    }
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (e) {
      const err = s3Error(e, 'delete');
      if (err.code !== 'STORAGE_NOT_FOUND') throw err;
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    const folder = folderPrefix(prefix);
    let deleted = 0;
    let token: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: folder, ContinuationToken: token }),
        );
        const objects = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
        if (objects.length > 0) {
          const res = await this.client.send(
            new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: objects, Quiet: true } }),
          );
          if (res.Errors?.length) {
            const codes = [...new Set(res.Errors.map((x) => x.Code))];
            throw new UamError('STORAGE_ERROR', 'The file store failed to delete some files', { codes });
          }
          deleted += objects.length;
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (e) {
      throw s3Error(e, 'deletePrefix', 'bucket');
    }
    return deleted;
  }

  async sweepAbandoned(before: Date): Promise<number> {
    let aborted = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.bucket,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        );
        for (const u of page.Uploads ?? []) {
          if (!u.Key || !u.UploadId || !u.Initiated || u.Initiated >= before) continue;
          const ended = await this.client
            .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: u.Key, UploadId: u.UploadId }))
            .then(
              () => true,
              // Completed or aborted by its own put meanwhile: nothing left to sweep.
              (e: Error) => {
                if (e.name === 'NoSuchUpload') return false;
                throw e;
              },
            );
          if (ended) aborted++;
        }
        const more = page.IsTruncated === true;
        keyMarker = more ? page.NextKeyMarker : undefined;
        uploadIdMarker = more ? page.NextUploadIdMarker : undefined;
      } while (keyMarker !== undefined);
    } catch (e) {
      throw s3Error(e, 'sweepAbandoned', 'bucket');
    }
    return aborted;
  }

  async signedUrl(key: string, options: SignedUrlOptions): Promise<string> {
    assertSafeKey(key);
    assertExpiry(options.expiresInSeconds);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: options.fileName ? contentDisposition(options.fileName) : undefined,
      ResponseContentType: options.contentType,
    });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresInSeconds });
  }

  async ping(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (e) {
      throw s3Error(e, 'ping', 'bucket');
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
