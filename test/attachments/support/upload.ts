import { z } from 'zod';

export interface UploadFile {
  name: string;
  type: string;
  bytes: Buffer;
}

/**
 * Posts files the way botframework-directlinejs does for Web Chat (postMessageWithAttachments):
 * multipart with an `activity` part (a Blob of type application/vnd.microsoft.activity, its
 * attachments without contentUrl) and one `file` part per file, to …/upload?userId=<from.id>.
 */
export async function uploadLikeWebChat(
  baseUrl: string,
  conversationId: string,
  token: string,
  files: UploadFile[],
  options: { userId?: string; text?: string; clientActivityID?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const userId = options.userId ?? 'dl_testuser';
  const activity = {
    type: 'message',
    from: { id: userId, role: 'user' },
    ...(options.text ? { text: options.text } : {}),
    textFormat: 'plain',
    attachments: files.map((f) => ({ contentType: f.type, name: f.name })),
    channelData: {
      clientActivityID: options.clientActivityID ?? `c${Date.now()}`,
      attachmentSizes: files.map((f) => f.bytes.length),
    },
  };
  const form = new FormData();
  form.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
  for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
  const res = await fetch(
    `${baseUrl}/v3/directline/conversations/${encodeURIComponent(conversationId)}/upload?userId=${encodeURIComponent(userId)}`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    },
  );
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

export const uploadAnswerSchema = z.object({ id: z.string() });

/** An attachment as a Direct Line client receives it (links signed for its token). */
export const clientAttachmentSchema = z.object({
  contentType: z.string(),
  contentUrl: z.string(),
  name: z.string(),
  thumbnailUrl: z.string().optional(),
});
