import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DeleteBucketCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { hasService, TEST_SERVICES } from '../../../../../test/support/services.ts';
import { UamError } from '../../errors/index.ts';
import { s3Error } from './s3-errors.ts';
import { S3Storage } from './s3-storage.ts';

// Behaviour only the S3 store has; the shared behaviour is in storage.contract.test.ts.
const { endpoint, region, accessKeyId, secretAccessKey } = TEST_SERVICES.s3;

describe('s3Error', () => {
  const sdk = (name: string, status: number) =>
    Object.assign(new Error(`raw message with ${secretAccessKey}`), {
      name,
      $metadata: { httpStatusCode: status },
    });

  it('maps missing objects to STORAGE_NOT_FOUND and a missing bucket to STORAGE_ERROR', () => {
    expect(s3Error(sdk('NoSuchKey', 404), 'get').code).toBe('STORAGE_NOT_FOUND');
    expect(s3Error(sdk('NotFound', 404), 'size').code).toBe('STORAGE_NOT_FOUND');
    expect(s3Error(sdk('NoSuchBucket', 404), 'get').code).toBe('STORAGE_ERROR');
    expect(s3Error(sdk('NotFound', 404), 'ping', 'bucket').code).toBe('STORAGE_ERROR');
  });

  it('never carries the SDK message or the error itself', () => {
    const err = s3Error(sdk('SignatureDoesNotMatch', 403), 'put');
    expect(err.message).toBe('The file store failed to put (SignatureDoesNotMatch, HTTP 403)');
    expect(err.cause).toBeUndefined();
    expect(JSON.stringify(err)).not.toContain(secretAccessKey);
  });
});

describe.skipIf(!(await hasService('s3')))('S3Storage against a real server', () => {
  const make = (bucket: string, secret = secretAccessKey) =>
    new S3Storage({ endpoint, region, bucket, accessKeyId, secretAccessKey: secret });

  it('creates its bucket once and is idempotent about it', async () => {
    const bucket = `uam-test-${randomUUID().slice(0, 13)}`;
    const storage = make(bucket);
    await expect(storage.ping()).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
    await storage.ensureBucket();
    await storage.ensureBucket();
    await storage.ping();
    await storage.put('k/v.csv', Readable.from([Buffer.from('a,b\n')]), { contentType: 'text/csv' });
    const raw = new S3Client({
      endpoint,
      region,
      forcePathStyle: true,
      credentials: { accessKeyId, secretAccessKey },
    });
    const head = await raw.send(new HeadObjectCommand({ Bucket: bucket, Key: 'k/v.csv' }));
    expect(head.ContentType).toBe('text/csv');
    await storage.deletePrefix('k');
    await raw.send(new DeleteBucketCommand({ Bucket: bucket }));
    raw.destroy();
    await storage.close();
  });

  it('reports a missing bucket as STORAGE_ERROR, not as a missing file', async () => {
    const storage = make(`uam-missing-${randomUUID().slice(0, 8)}`);
    await expect(storage.get('a')).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
    await expect(storage.put('a', Readable.from([Buffer.from('x')]))).rejects.toMatchObject({
      code: 'STORAGE_ERROR',
    });
    await storage.close();
  });

  it('fails with STORAGE_ERROR on wrong credentials, without leaking them', async () => {
    const wrong = 'WRONG-SECRET-must-not-leak';
    const storage = make('uam-any-bucket', wrong);
    const err = (await storage.ensureBucket().catch((e) => e)) as UamError;
    expect(err).toBeInstanceOf(UamError);
    expect(err.code).toBe('STORAGE_ERROR');
    expect(`${err.message} ${JSON.stringify(err)} ${err.stack}`).not.toContain(wrong);
    await storage.close();
  });
});
