import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../storage/openDatabase.js';
import type { Database } from '../storage/schema.js';
import type { AttachmentTables } from './tables.js';

/**
 * Where the bytes of attachments live, content-addressed by sha256 so a file uploaded twice is
 * stored once. The embedded default keeps files under DATA_DIR; with DATABASE_URL they go into
 * PostgreSQL, so every instance serves them. Both stream: no file is ever whole in memory.
 */
export interface BlobStore {
  /** Stores the file at `path` as content `sha256` unless it is already there. May move the file. */
  put(sha256: string, path: string): Promise<void>;
  /** The content, streamed; undefined when it is missing. */
  open(sha256: string): Promise<Readable | undefined>;
}

const SHA256 = /^[0-9a-f]{64}$/;

function checkDigest(sha256: string): void {
  if (!SHA256.test(sha256)) throw new Error(`not a sha256 digest: ${sha256.slice(0, 80)}`);
}

/** Files under a directory: `<dir>/ab/abcdef…`. */
export class FileBlobStore implements BlobStore {
  constructor(readonly dir: string) {}

  private pathOf(sha256: string): string {
    checkDigest(sha256);
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async put(sha256: string, path: string): Promise<void> {
    const target = this.pathOf(sha256);
    if (
      await stat(target).then(
        () => true,
        () => false,
      )
    )
      return;
    await mkdir(dirname(target), { recursive: true });
    try {
      // Same file system (DATA_DIR): an atomic move; a reader never sees half a file.
      await rename(path, target);
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EXDEV')) throw error;
      const partial = `${target}.${process.pid}.tmp`;
      await copyFile(path, partial);
      await rename(partial, target);
      await rm(path, { force: true });
    }
  }

  async open(sha256: string): Promise<Readable | undefined> {
    try {
      const handle = await open(this.pathOf(sha256), 'r');
      return handle.createReadStream();
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
      throw error;
    }
  }
}

/** Bytes per row of attachment_chunks: small enough for one query, large enough to be few. */
export const CHUNK_BYTES = 256 * 1024;

/** Chunks in PostgreSQL (attachment_blobs + attachment_chunks), written in one transaction. */
export class PgBlobStore implements BlobStore {
  private readonly db: Kysely<Database & AttachmentTables>;

  constructor(
    db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = db.withTables<AttachmentTables>();
  }

  async put(sha256: string, path: string): Promise<void> {
    checkDigest(sha256);
    const { size } = await stat(path);
    await this.db.transaction().execute(async (trx) => {
      // Whoever inserts the header writes the chunks; a concurrent upload of the same content
      // waits on the key, then finds it taken and stores nothing.
      const claimed = await trx
        .insertInto('attachment_blobs')
        .values({ sha256, size, chunks: 0, created_at: this.now().toISOString() })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .returning('sha256')
        .executeTakeFirst();
      if (!claimed) return;
      let seq = 0;
      for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
        await trx
          .insertInto('attachment_chunks')
          .values({ sha256, seq, data: Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)) })
          .execute();
        seq += 1;
      }
      await trx.updateTable('attachment_blobs').set({ chunks: seq }).where('sha256', '=', sha256).execute();
    });
  }

  async open(sha256: string): Promise<Readable | undefined> {
    checkDigest(sha256);
    const blob = await this.db
      .selectFrom('attachment_blobs')
      .select('chunks')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    if (!blob) return undefined;
    const db = this.db;
    const chunks = Number(blob.chunks);
    // One chunk in memory at a time, fetched as the reader asks for more.
    return Readable.from(
      (async function* read() {
        for (let seq = 0; seq < chunks; seq += 1) {
          const row = await db
            .selectFrom('attachment_chunks')
            .select('data')
            .where('sha256', '=', sha256)
            .where('seq', '=', seq)
            .executeTakeFirst();
          if (!row) throw new Error(`attachment ${sha256} is missing chunk ${seq}`);
          yield row.data;
        }
      })(),
      { objectMode: false },
    );
  }
}

/** The store matching the database: PostgreSQL when configured, else files in DATA_DIR/attachments. */
export function createBlobStore(database: Pick<DatabaseHandle, 'db' | 'dialect'>, dataDir: string): BlobStore {
  return database.dialect === 'postgres'
    ? new PgBlobStore(database.db)
    : new FileBlobStore(join(dataDir, 'attachments'));
}
