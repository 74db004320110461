import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { ScanStorageConfig } from '@mentorflow/config';

/**
 * Where the bytes of signed scans live (issue 22). Small on purpose: the API stores a file under a key it
 * generated, reads it back to re-hash it, and removes a file whose command was refused. What a file is,
 * whose it is and its hash are in the document's events, never in the storage.
 */
export interface ScanStorage {
  put(key: string, body: Buffer | Readable): Promise<void>;
  /** The stored bytes, or undefined when nothing is stored under the key. */
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
}

export const SCAN_STORAGE = Symbol('ScanStorage');

/** Keys are generated (`<organisation>/<uuid>.<ext>`): anything else is refused rather than resolved as a path. */
const keyPattern = /^[0-9a-zA-Z-]+\/[0-9a-zA-Z-]+\.(pdf|jpg|png)$/;

const checkedKey = (key: string): string => {
  if (!keyPattern.test(key)) throw new Error('Invalid scan storage key');
  return key;
};

/** Files under one directory (the default, `.data/scans`): `<directory>/<organisation>/<uuid>.<ext>`. */
export class LocalScanStorage implements ScanStorage {
  private readonly root: string;

  constructor(directory: string) {
    this.root = resolve(directory);
  }

  private path(key: string): string {
    const path = resolve(this.root, checkedKey(key));
    if (!path.startsWith(this.root + sep)) throw new Error('Invalid scan storage key');
    return path;
  }

  async put(key: string, body: Buffer | Readable): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    // 'wx': a key is written once; a replacement is a new key, so an older event's file is never overwritten.
    const file = await open(path, 'wx');
    try {
      if (Buffer.isBuffer(body)) await file.writeFile(body);
      else for await (const chunk of body) await file.write(chunk as Buffer);
    } catch (error) {
      await file.close();
      await rm(path, { force: true });
      throw error;
    }
    await file.close();
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.path(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}

/**
 * An S3-compatible bucket (AWS S3, MinIO, Yandex Object Storage, VK Cloud…) through the AWS SDK v3. For MinIO
 * set the endpoint and path-style addressing (README «Statutory documents»).
 */
export class S3ScanStorage implements ScanStorage {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  static fromConfig(config: Extract<ScanStorageConfig, { kind: 's3' }>): S3ScanStorage {
    const client = new S3Client({
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.credentials ? { credentials: config.credentials } : {}),
    });
    return new S3ScanStorage(client, config.bucket);
  }

  async put(key: string, body: Buffer | Readable): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: checkedKey(key), Body: body }));
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: checkedKey(key) }));
      return answer.Body === undefined ? undefined : Buffer.from(await answer.Body.transformToByteArray());
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkedKey(key) }));
  }
}

export const createScanStorage = (config: ScanStorageConfig): ScanStorage =>
  config.kind === 's3' ? S3ScanStorage.fromConfig(config) : new LocalScanStorage(config.directory);
