import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../src/attachments/blobStore.js';

export interface BlobStoreUnderTest {
  store: BlobStore;
  /** How many stored contents (files, or attachment_blobs rows) hold this digest. */
  copiesOf(sha256: string): Promise<number>;
  dispose(): Promise<void>;
}

async function readAll(stream: Readable | undefined): Promise<Buffer> {
  if (!stream) throw new Error('missing content');
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** The BlobStore contract, run against the file store and the PostgreSQL store. */
export function blobStoreSuite(name: string, open: () => Promise<BlobStoreUnderTest>): void {
  describe(`${name}: attachment contents`, () => {
    let subject: BlobStoreUnderTest;
    const dir = mkdtempSync(join(tmpdir(), 'blobs-in-'));
    const file = (bytes: Buffer) => {
      const path = join(dir, randomBytes(6).toString('hex'));
      writeFileSync(path, bytes);
      return path;
    };
    beforeAll(async () => {
      subject = await open();
    });
    afterAll(async () => {
      await subject?.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('when a content of several hundred KB is stored, then it streams back byte for byte', async () => {
      const bytes = randomBytes(700 * 1024);
      const sha = createHash('sha256').update(bytes).digest('hex');
      await subject.store.put(sha, file(bytes));
      expect((await readAll(await subject.store.open(sha))).equals(bytes)).toBe(true);
    });

    it('when the same content is stored twice, also at once, then it is kept once', async () => {
      const bytes = randomBytes(300 * 1024);
      const sha = createHash('sha256').update(bytes).digest('hex');
      await subject.store.put(sha, file(bytes));
      await Promise.all([subject.store.put(sha, file(bytes)), subject.store.put(sha, file(bytes))]);
      expect(await subject.copiesOf(sha)).toBe(1);
      expect((await readAll(await subject.store.open(sha))).equals(bytes)).toBe(true);
    });

    it('when a content was never stored, then opening it finds nothing, and a malformed digest is a bug', async () => {
      expect(await subject.store.open('0'.repeat(64))).toBeUndefined();
      await expect(subject.store.open('../../etc/passwd')).rejects.toThrow(/sha256/);
    });
  });
}
