import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { clientActivitySchema, MAX_TEXT_LENGTH, type ClientActivity, type DlActivity } from '../directline/activity.js';
import type { DlConversation } from '../directline/conversationStore.js';
import type { ConversationOutbox } from '../directline/conversationOutbox.js';
import type { DirectLineService } from '../directline/directLineService.js';
import { AppError } from '../errors.js';
import { jsonDepth, MAX_JSON_DEPTH } from '../http/jsonBody.js';
import type { HandoffService } from '../handoff/handoffService.js';
import { safeText } from '../text/inputText.js';
import type { TicketService } from '../tickets/TicketService.js';
import { activityAttachments } from './attachmentActivity.js';
import type { AttachmentService } from './AttachmentService.js';
import { type Rejection } from './attachmentWording.js';
import type { ReceivedUpload } from './receiveMultipart.js';
import { fillTemplate } from '../text/template.js';

export interface AttachmentChannelDeps {
  attachments: AttachmentService;
  directLine: Pick<DirectLineService, 'acceptFromClient'>;
  outbox: Pick<ConversationOutbox, 'post'>;
  handoff: Pick<HandoffService, 'heldBy' | 'accountOf'>;
  tickets: Pick<TicketService, 'appendTranscript'>;
  now?: () => Date;
}

const captionSchema = safeText(z.string().trim().max(MAX_TEXT_LENGTH, '内容过长'));

/** The Direct Line activity part as a client activity; its attachment list is ours to write. */
function parseActivityPart(part: string | undefined): ClientActivity {
  if (part === undefined)
    throw new AppError('bad_request', '上传缺少 activity 部分。(Upload has no activity part.)', { field: 'activity' });
  // The same nesting limit as JSON bodies: deep structures would overflow the stack when stored.
  if (jsonDepth(part) > MAX_JSON_DEPTH)
    throw new AppError('bad_request', 'activity 部分嵌套层数过多。(Activity part nested too deeply.)', {
      field: 'activity',
    });
  let json: unknown;
  try {
    json = JSON.parse(part);
  } catch {
    throw new AppError('bad_request', 'activity 部分不是有效的 JSON。(Malformed activity part.)', {
      field: 'activity',
    });
  }
  const { attachments: _ignored, ...rest } = z.record(z.string(), z.unknown()).catch({}).parse(json);
  const parsed = clientActivitySchema.safeParse(rest);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = `activity.${issue?.path.join('.') ?? ''}`;
    if (issue?.message === 'text too long')
      throw new AppError('payload_too_large', `消息过长（最多 ${MAX_TEXT_LENGTH} 字）`, { field });
    throw new AppError('bad_request', `活动格式不正确：${field}`, { field });
  }
  if (parsed.data.type !== 'message')
    throw new AppError('bad_request', '只有消息可以带附件。(Only messages carry files.)', { field: 'activity.type' });
  return parsed.data;
}

/** The code of the refusal an agent gets when any file fails the checks. */
function refusalCode(rejected: readonly Rejection[]): AppError['code'] {
  return rejected.some((r) => r.reason === 'too_large' || r.reason === 'too_many')
    ? 'payload_too_large'
    : 'unsupported_media_type';
}

/**
 * Where uploads meet the conversation: a customer's Direct Line upload becomes their message
 * with the files that passed (and a clear reply about the ones that did not); an agent's upload
 * reaches the customer only if every file passes the same checks.
 */
export class AttachmentChannel {
  private readonly now: () => Date;

  constructor(private readonly deps: AttachmentChannelDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** A customer's upload (POST …/upload): returns the id of their message, as Direct Line does. */
  async fromCustomer(conversation: DlConversation, req: IncomingMessage): Promise<{ id: string }> {
    const { attachments, directLine } = this.deps;
    let upload: ReceivedUpload;
    try {
      upload = await attachments.receive(req);
    } catch (error) {
      // Too much to even read: nothing is stored, and the chat says so besides the 413.
      if (error instanceof AppError && error.details.limit === 'request') {
        await this.tell(conversation.id, [{ name: attachments.wording.wholeUpload, reason: 'request_too_large' }]);
      }
      throw error;
    }
    try {
      const activity = parseActivityPart(upload.parts.activity);
      const checked = await attachments.check(upload);
      const stored = await attachments.save(checked.accepted, {
        conversationId: conversation.id,
        uploader: `customer:${conversation.userId}`,
        ticketNumber: null,
      });
      const files = activityAttachments(conversation.id, stored);
      const { attachmentSizes: _s, attachmentIds: _i, ...clientData } = activity.channelData ?? {};
      const text = activity.text?.trim()
        ? activity.text
        : stored.length === 0
          ? fillTemplate(attachments.wording.rejectedEcho, { names: checked.rejected.map((r) => r.name).join('、') })
          : activity.text;
      const message: ClientActivity = {
        ...activity,
        ...(text !== undefined ? { text } : {}),
        attachments: files.attachments,
        channelData: { ...clientData, ...files.channelData },
      };
      // Nothing stored and nothing said: the message is logged for the chat, but no one must answer it.
      const echo =
        activity.text?.trim() || stored.length > 0
          ? await directLine.acceptFromClient(conversation, message)
          : await this.logOnly(conversation, message);
      await this.tell(conversation.id, checked.rejected);
      return { id: echo.id };
    } finally {
      await attachments.discard(upload);
    }
  }

  /** An agent sends files (and an optional caption) to the customer of a conversation they hold. */
  async fromAgent(conversationId: string, login: string, req: IncomingMessage): Promise<DlActivity> {
    const { attachments, outbox } = this.deps;
    const session = await this.deps.handoff.heldBy(conversationId, login);
    const upload = await attachments.receive(req);
    try {
      const caption = captionSchema.safeParse(upload.parts.text ?? '');
      if (!caption.success)
        throw new AppError('bad_request', `附言无效：${caption.error.issues[0]?.message ?? ''}`, { field: 'text' });
      const checked = await attachments.check(upload);
      if (checked.rejected.length > 0) {
        throw new AppError(refusalCode(checked.rejected), attachments.rejectionNotice(checked.rejected) ?? '', {
          rejected: checked.rejected,
        });
      }
      if (checked.accepted.length === 0)
        throw new AppError('bad_request', '没有收到文件。(No file in the upload.)', { field: 'file' });
      const stored = await attachments.save(checked.accepted, {
        conversationId,
        uploader: `agent:${login}`,
        ticketNumber: session.ticketNumber,
      });
      const files = activityAttachments(conversationId, stored);
      const [sent] = await outbox.post(conversationId, [
        {
          type: 'message',
          ...(caption.data ? { text: caption.data } : {}),
          textFormat: 'plain',
          from: this.deps.handoff.accountOf(login),
          ...files,
        },
      ]);
      if (session.ticketNumber) {
        const line = fillTemplate(attachments.wording.agentSentLine, { names: stored.map((r) => r.name).join('、') });
        await this.deps.tickets.appendTranscript(session.ticketNumber, [
          { from: 'agent', text: caption.data ? `${caption.data}\n${line}` : line, at: this.now().toISOString() },
        ]);
      }
      if (!sent) throw new Error('agent attachment message not stored');
      return sent;
    } finally {
      await attachments.discard(upload);
    }
  }

  /** Logs the customer's message without running a turn (only refused files, no text). */
  private async logOnly(conversation: DlConversation, message: ClientActivity): Promise<DlActivity> {
    const [logged] = await this.deps.outbox.post(conversation.id, [
      { ...message, type: 'message', from: { id: conversation.userId, role: 'user' }, channelId: 'directline' },
    ]);
    if (!logged) throw new Error('customer message not stored');
    return logged;
  }

  /** The bot's clear reply about files that were not stored. */
  private async tell(conversationId: string, rejected: readonly Rejection[]): Promise<void> {
    const notice = this.deps.attachments.rejectionNotice(rejected);
    if (notice) await this.deps.outbox.post(conversationId, [{ type: 'message', text: notice, textFormat: 'plain' }]);
  }
}
