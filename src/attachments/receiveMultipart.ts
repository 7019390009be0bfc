import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { AppError } from '../errors.js';
import { FileObserver } from './fileObserver.js';
import { safeFileName } from './fileNames.js';

/** One file part, written to a temporary file while it arrived (never held whole in memory). */
export interface ReceivedFile {
  /** The client's file name, cleaned (no path, no control characters). */
  name: string;
  /** The Content-Type the client claimed; informative only, the bytes decide. */
  declaredType: string;
  /** The temporary file; removed by `discard()`. */
  path: string;
  /** Bytes written (at most the per-file limit). */
  size: number;
  sha256: string;
  /** The first bytes, for type sniffing. */
  head: Buffer;
  /** NUL bytes anywhere in the file (text has none). */
  nulBytes: number;
  /** True when the file was larger than the limit: the rest was discarded unwritten. */
  truncated: boolean;
}

export interface ReceivedUpload {
  /** The small non-file parts (Direct Line's `activity`, a caption), as text. */
  parts: Record<string, string>;
  /** The files written, in the order they arrived (at most `maxFiles`). */
  files: ReceivedFile[];
  /** How many file parts the request carried, including any beyond `maxFiles` (not written). */
  fileParts: number;
  /** Removes every temporary file (idempotent). */
  discard(): Promise<void>;
}

export interface MultipartLimits {
  maxFileBytes: number;
  maxFiles: number;
  /** Refused up front (Content-Length) or as soon as more arrives: no upload is read without end. */
  maxRequestBytes: number;
  /** Largest non-file part (the activity JSON, with Web Chat's thumbnails). */
  maxPartBytes: number;
  tempDir: string;
  /** The field name of file parts ("file" for Direct Line and the console). */
  fileField?: string;
  /** Names of the small parts kept as text; any other part is drained unread. */
  textParts?: readonly string[];
}

/** The declared body size, or undefined for a chunked body. */
function declaredLength(req: IncomingMessage): number | undefined {
  const value = req.headers['content-length'];
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * Reads a multipart/form-data request with busboy: file parts stream through a hash into
 * temporary files, small parts are kept as text. Malformed bodies are AppError('bad_request'),
 * too large ones AppError('payload_too_large'); temporary files are removed on any failure.
 */
export async function receiveMultipart(req: IncomingMessage, limits: MultipartLimits): Promise<ReceivedUpload> {
  if (!/^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')) {
    throw new AppError(
      'unsupported_media_type',
      '上传须为 multipart/form-data。(Upload must be multipart/form-data.)',
      { contentType: req.headers['content-type'] ?? null },
    );
  }
  const length = declaredLength(req);
  if (length !== undefined && length > limits.maxRequestBytes) {
    throw new AppError('payload_too_large', '上传总量过大。(Upload too large.)', {
      limit: 'request',
      max: limits.maxRequestBytes,
    });
  }
  const fileField = limits.fileField ?? 'file';
  const textParts = new Set(limits.textParts ?? ['activity', 'text']);
  const files: ReceivedFile[] = [];
  const discard = async () => {
    await Promise.all(files.map((f) => rm(f.path, { force: true })));
  };
  try {
    return await new Promise<ReceivedUpload>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: req.headers,
          defParamCharset: 'utf8',
          // busboy flags a file that reaches its limit; one byte more lets a file of exactly the limit through.
          limits: {
            fileSize: limits.maxFileBytes + 1,
            files: limits.maxFiles + 8,
            fields: 4,
            parts: limits.maxFiles + 16,
            fieldSize: limits.maxPartBytes,
            headerPairs: 32,
          },
        });
      } catch {
        reject(new AppError('bad_request', '上传的格式不正确（缺少 multipart 边界）。(Malformed multipart body.)'));
        return;
      }
      const parts: Record<string, string> = {};
      const writes: Promise<void>[] = [];
      let fileParts = 0;
      let refusal: AppError | undefined;
      let received = 0;
      const refuse = (error: AppError) => {
        refusal ??= error;
      };
      parser.on('file', (field, stream, info) => {
        if (field !== fileField && !textParts.has(field)) {
          stream.resume(); // not ours to keep
          return;
        }
        if (field !== fileField) {
          // A small part sent as a Blob (Direct Line's activity): kept as text, within its limit.
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= limits.maxPartBytes) chunks.push(chunk);
            else
              refuse(
                new AppError('payload_too_large', `上传中的 ${field} 部分过大。(Part ${field} too large.)`, { field }),
              );
          });
          stream.on('end', () => {
            if (size <= limits.maxPartBytes) parts[field] = Buffer.concat(chunks).toString('utf8');
          });
          return;
        }
        fileParts += 1;
        if (fileParts > limits.maxFiles) {
          stream.resume(); // counted, never written
          return;
        }
        const observer = new FileObserver();
        const file: ReceivedFile = {
          name: safeFileName(info.filename),
          declaredType: info.mimeType,
          path: join(limits.tempDir, `${randomUUID()}.part`),
          size: 0,
          sha256: '',
          head: Buffer.alloc(0),
          nulBytes: 0,
          truncated: false,
        };
        files.push(file);
        writes.push(
          pipeline(stream, observer, createWriteStream(file.path, { flags: 'wx' })).then(() => {
            Object.assign(file, {
              size: observer.size,
              sha256: observer.digest(),
              head: observer.head(),
              nulBytes: observer.nulBytes,
              truncated: stream.truncated === true,
            });
          }),
        );
      });
      parser.on('field', (name, value, info) => {
        if (info.valueTruncated)
          refuse(
            new AppError('payload_too_large', `上传中的 ${name} 部分过大。(Part ${name} too large.)`, { field: name }),
          );
        else if (textParts.has(name)) parts[name] = value;
      });
      parser.on('filesLimit', () => (fileParts = Math.max(fileParts, limits.maxFiles + 1)));
      // One failure answers; it waits for the file writes to stop, so no temporary file is left behind.
      let failed = false;
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        void Promise.allSettled(writes).then(() => reject(error));
      };
      parser.on('error', () =>
        fail(
          refusal ??
            new AppError('bad_request', '上传的内容不完整或格式不正确。(Malformed or incomplete multipart body.)'),
        ),
      );
      parser.on('close', () => {
        if (failed) return;
        Promise.all(writes).then(
          () => (refusal ? fail(refusal) : resolve({ parts, files, fileParts, discard })),
          (error: unknown) => fail(error instanceof Error ? error : new AppError('internal', String(error))),
        );
      });
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limits.maxRequestBytes && !refusal) {
          const tooLarge = new AppError('payload_too_large', '上传总量过大。(Upload too large.)', {
            limit: 'request',
            max: limits.maxRequestBytes,
          });
          refuse(tooLarge);
          // Reading stops here; the route answers 413 and closes the connection.
          req.unpipe(parser);
          parser.destroy();
          fail(tooLarge);
        }
      });
      req.pipe(parser);
    });
  } catch (error) {
    await discard();
    throw error;
  }
}
