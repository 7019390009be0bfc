import { join } from 'node:path';
import { z } from 'zod';

import { readJsonFile } from '../knowledge/readJsonFile.js';
import { fillTemplate } from '../text/template.js';

const text = z.string().min(1);

const reasonsSchema = z.object({
  too_large: text,
  too_many: text,
  request_too_large: text,
  empty: text,
  executable: text,
  unsupported: text,
  damaged: text,
  markup: text,
  zip_contents: text,
  zip_unreadable: text,
});
/** Why a file was not stored; each has its sentence in knowledge/attachments/wording.json. */
export type RejectionReason = keyof z.infer<typeof reasonsSchema>;

const wordingSchema = z.object({
  acceptedTypes: text,
  limits: text,
  counts: z.object({ images: text, files: text, join: text }),
  addedToReport: text,
  addedToTicket: text,
  resubmitted: text,
  whatFor: text,
  rejectedHeader: text,
  rejectedLine: text,
  /** The name of an upload refused as a whole (too large to read). */
  wholeUpload: text,
  rejectedFooter: text,
  reasons: reasonsSchema,
  rejectedEcho: text,
  transcriptLine: text,
  supplementNote: text,
  agentSentLine: text,
});
export type AttachmentWording = z.infer<typeof wordingSchema>;

/** Loads the customer-facing attachment sentences from knowledge/attachments/wording.json. */
export function loadAttachmentWording(knowledgeDir: string): AttachmentWording {
  return readJsonFile(join(knowledgeDir, 'attachments', 'wording.json'), wordingSchema);
}

/** "2 张图片", "1 个文件", "2 张图片和 1 个文件". */
export function describeCount(wording: AttachmentWording, types: readonly string[]): string {
  const images = types.filter((t) => t.startsWith('image/')).length;
  const files = types.length - images;
  const parts = [
    ...(images ? [fillTemplate(wording.counts.images, { n: images })] : []),
    ...(files ? [fillTemplate(wording.counts.files, { n: files })] : []),
  ];
  return parts.join(wording.counts.join);
}

/** A file that was not stored, and why. */
export interface Rejection {
  name: string;
  reason: RejectionReason;
  /** The offending ZIP entry, for zip_contents. */
  entry?: string;
  /** How many files the message carried, for too_many. */
  count?: number;
}

/** "10", "0.5": a limit in MB as the customer reads it. */
export function formatMb(bytes: number): string {
  return String(Math.round((bytes / 1024 / 1024) * 100) / 100);
}

/** The reply naming each refused file and why, with what may be sent; undefined when none was refused. */
export function rejectionNotice(
  wording: AttachmentWording,
  limits: { maxFileBytes: number; maxFiles: number },
  rejected: readonly Rejection[],
): string | undefined {
  if (rejected.length === 0) return undefined;
  const values = { maxMb: formatMb(limits.maxFileBytes), maxFiles: limits.maxFiles };
  const lines = rejected.map((r) =>
    fillTemplate(wording.rejectedLine, {
      name: r.name,
      reason: fillTemplate(wording.reasons[r.reason], { ...values, count: r.count ?? 0, entry: r.entry ?? '' }),
    }),
  );
  return [
    wording.rejectedHeader,
    ...lines,
    fillTemplate(wording.rejectedFooter, {
      types: wording.acceptedTypes,
      limits: fillTemplate(wording.limits, values),
    }),
  ].join('\n');
}
