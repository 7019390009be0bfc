import type { Response } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../errors.js';
import type { AttachmentRecord } from './attachmentRecords.js';
import { thumbnailTransformer } from './images.js';

/** Types a browser may show inline: the photo formats we accept. Nothing else, never HTML or SVG. */
const INLINE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

/** A Content-Disposition value with an ASCII fallback name and the real one (RFC 6266 / 5987). */
function disposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7E]/g, '_').replace(/["\\]/g, '_') || 'file';
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Headers every download gets: no sniffing, no scripts, private caching (content under an id never changes). */
function safeHeaders(res: Response): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, max-age=3600');
}

/**
 * Sends a stored file: photos inline with their own type, everything else as a download
 * (Content-Disposition: attachment) with its checked type; text is text/plain.
 */
export async function sendAttachment(
  res: Response,
  record: AttachmentRecord,
  content: Readable | undefined,
): Promise<void> {
  if (!content) throw new AppError('not_found', '附件内容不存在。(Attachment content missing.)', { id: record.id });
  const inline = INLINE_TYPES.has(record.type);
  safeHeaders(res);
  res.setHeader(
    'Content-Type',
    record.type === 'text/plain'
      ? 'text/plain; charset=utf-8'
      : inline || record.type === 'application/pdf' || record.type === 'application/zip'
        ? record.type
        : 'application/octet-stream',
  );
  res.setHeader('Content-Length', String(record.size));
  res.setHeader('Content-Disposition', disposition(inline ? 'inline' : 'attachment', record.name));
  // A client that goes away mid-download ends the copy; there is nobody left to answer.
  await pipeline(content, res).catch(() => res.destroy());
}

/** Sends a small WebP of a stored picture; 404 for other files. */
export async function sendThumbnail(
  res: Response,
  record: AttachmentRecord,
  content: Readable | undefined,
): Promise<void> {
  if (!INLINE_TYPES.has(record.type))
    throw new AppError('not_found', '该附件没有缩略图。(No thumbnail for this file.)', { id: record.id });
  if (!content) throw new AppError('not_found', '附件内容不存在。(Attachment content missing.)', { id: record.id });
  safeHeaders(res);
  res.setHeader('Content-Type', 'image/webp');
  res.setHeader('Content-Disposition', disposition('inline', `${record.name}.webp`));
  await pipeline(content, await thumbnailTransformer(), res).catch(() => res.destroy());
}
