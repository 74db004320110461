import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { scanStorageConfig, validateEnvironment } from '@mentorflow/config';
import { checkScanContent, sha256Of } from './scan-content';
import { createScanStorage, LocalScanStorage, S3ScanStorage } from './scan-storage';

const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');

describe('local scan storage', () => {
  const root = () => mkdtempSync(join(tmpdir(), 'scan-storage-'));

  it('stores a buffer or a stream under its key and reads the same bytes back', async () => {
    const storage = new LocalScanStorage(root());
    await storage.put('org-1/aaaa.pdf', pdf);
    await storage.put('org-1/bbbb.png', Readable.from([Buffer.from('first '), Buffer.from('second')]));
    expect(await storage.get('org-1/aaaa.pdf')).toEqual(pdf);
    expect((await storage.get('org-1/bbbb.png'))?.toString()).toBe('first second');
  });

  it('answers undefined for a key with nothing stored, and deletes', async () => {
    const storage = new LocalScanStorage(root());
    expect(await storage.get('org-1/none.pdf')).toBeUndefined();
    await storage.put('org-1/aaaa.pdf', pdf);
    await storage.delete('org-1/aaaa.pdf');
    expect(await storage.get('org-1/aaaa.pdf')).toBeUndefined();
    await expect(storage.delete('org-1/aaaa.pdf')).resolves.toBeUndefined();
  });

  it('never overwrites a stored file: a replacement is a new key', async () => {
    const storage = new LocalScanStorage(root());
    await storage.put('org-1/aaaa.pdf', pdf);
    await expect(storage.put('org-1/aaaa.pdf', Buffer.from('other'))).rejects.toMatchObject({ code: 'EEXIST' });
    expect(await storage.get('org-1/aaaa.pdf')).toEqual(pdf);
  });

  it('refuses keys that are not its own, so no path outside the directory is reached', async () => {
    const dir = root();
    const storage = new LocalScanStorage(join(dir, 'scans'));
    for (const key of ['../escape.pdf', 'org-1/../../escape.pdf', '/etc/passwd', 'org-1/a.exe', 'a.pdf']) {
      await expect(storage.put(key, pdf)).rejects.toThrow('Invalid scan storage key');
      await expect(storage.get(key)).rejects.toThrow('Invalid scan storage key');
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('scan storage configuration', () => {
  const base = { DATABASE_URL: 'postgres://x', TEMPORAL_ADDRESS: 'localhost:7233', JWT_SECRET: 's'.repeat(32) };

  it('is the local directory .data/scans by default', () => {
    const config = scanStorageConfig(validateEnvironment(base));
    expect(config).toEqual({ kind: 'local', directory: '.data/scans' });
    expect(createScanStorage(config)).toBeInstanceOf(LocalScanStorage);
  });

  it('is an S3-compatible bucket (MinIO: endpoint and path-style) when SCAN_STORAGE=s3', () => {
    const config = scanStorageConfig(
      validateEnvironment({
        ...base,
        SCAN_STORAGE: 's3',
        SCAN_S3_BUCKET: 'mentorflow-scans',
        SCAN_S3_ENDPOINT: 'http://127.0.0.1:9000',
        SCAN_S3_FORCE_PATH_STYLE: 'true',
        SCAN_S3_ACCESS_KEY_ID: 'minio',
        SCAN_S3_SECRET_ACCESS_KEY: 'minio-secret',
      }),
    );
    expect(config).toEqual({
      kind: 's3',
      bucket: 'mentorflow-scans',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'minio', secretAccessKey: 'minio-secret' },
    });
    expect(createScanStorage(config)).toBeInstanceOf(S3ScanStorage);
  });

  it('stops at start without a bucket, with half the credentials or an unknown storage', () => {
    expect(() => validateEnvironment({ ...base, SCAN_STORAGE: 's3' })).toThrow(/SCAN_S3_BUCKET/);
    expect(() => validateEnvironment({ ...base, SCAN_S3_ACCESS_KEY_ID: 'minio' })).toThrow(/SCAN_S3_SECRET_ACCESS_KEY/);
    expect(() => validateEnvironment({ ...base, SCAN_STORAGE: 'ftp' })).toThrow(/SCAN_STORAGE/);
  });
});

describe('scan content check', () => {
  it('knows a PDF, a JPEG and a PNG by their bytes, with the SHA-256 and size', async () => {
    expect(await checkScanContent(pdf)).toEqual({
      ok: true,
      mediaType: 'application/pdf',
      sha256: sha256Of(pdf),
      size: pdf.length,
    });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
    expect(await checkScanContent(jpeg)).toMatchObject({ ok: true, mediaType: 'image/jpeg' });
  });

  it('refuses a program whatever it is called, an empty file and one over 20 MB', async () => {
    expect(await checkScanContent(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]))).toMatchObject({
      ok: false,
      constraint: 'mediaType',
    });
    expect(await checkScanContent(Buffer.from('plain text, not a scan'))).toMatchObject({ ok: false });
    expect(await checkScanContent(Buffer.alloc(0))).toMatchObject({ ok: false, constraint: 'isEmpty' });
    const large = Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024)]);
    expect(await checkScanContent(large)).toMatchObject({ ok: false, constraint: 'maxSize' });
  });
});
