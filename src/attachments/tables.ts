/**
 * Row types of the attachment tables (migration 220). `attachments` holds one row per file a
 * conversation received (its name, type, who sent it, the ticket it joined); the bytes are kept
 * once per sha256 by a BlobStore: files under DATA_DIR, or `attachment_chunks` in PostgreSQL.
 */
export type AttachmentsTable = {
  id: string;
  sha256: string;
  name: string;
  /** The media type decided from the bytes, e.g. image/png, text/plain. */
  type: string;
  size: number;
  /** 'customer:<user id>' or 'agent:<login>'. */
  uploader: string;
  conversation_id: string;
  ticket_number: string | null;
  created_at: string;
};

/** One stored content (PostgreSQL store): its size and how many chunks hold it. */
export type AttachmentBlobsTable = {
  sha256: string;
  size: number;
  chunks: number;
  created_at: string;
};

export type AttachmentChunksTable = {
  sha256: string;
  seq: number;
  data: Buffer;
};

export type AttachmentTables = {
  attachments: AttachmentsTable;
  attachment_blobs: AttachmentBlobsTable;
  attachment_chunks: AttachmentChunksTable;
};
