import { attachmentPath } from '../directline/attachmentLinks.js';
import type { AttachmentRecord } from './attachmentRecords.js';

/**
 * How stored files appear in an activity, as Bot Framework attachments: the type decided from
 * the bytes, a path on our Direct Line (signed for each reader, see AttachmentLinks), a thumbnail
 * for pictures, and in channelData the sizes Web Chat shows and the ids the bot and console use.
 */
export function activityAttachments(
  conversationId: string,
  records: readonly AttachmentRecord[],
): {
  attachments: Array<{ contentType: string; contentUrl: string; name: string; thumbnailUrl?: string }>;
  channelData: { attachmentSizes: number[]; attachmentIds: string[] };
} {
  return {
    attachments: records.map((r) => ({
      contentType: r.type,
      contentUrl: attachmentPath(conversationId, r.id),
      name: r.name,
      ...(r.type.startsWith('image/') ? { thumbnailUrl: attachmentPath(conversationId, r.id, true) } : {}),
    })),
    channelData: { attachmentSizes: records.map((r) => r.size), attachmentIds: records.map((r) => r.id) },
  };
}
