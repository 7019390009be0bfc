import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AgentService } from '../agents/AgentService.js';
import type { DirectLine } from '../directline/createDirectLine.js';
import { assertConversationAccess, credentialOf } from '../directline/directLineAuth.js';
import { AppError } from '../errors.js';
import { limitBy } from '../http/rateLimit.js';
import type { Limiter } from '../limits/limiter.js';
import { currentAgent, requireAgent } from '../http/requireAgent.js';
import { validateRequest } from '../http/validateRequest.js';
import type { AttachmentChannel } from './attachmentChannel.js';
import { attachmentIdPattern, type AttachmentRecord } from './attachmentRecords.js';
import type { AttachmentService } from './AttachmentService.js';
import { sendAttachment, sendThumbnail } from './downloadResponse.js';

export interface AttachmentRoutesDeps {
  channel: AttachmentChannel;
  attachments: AttachmentService;
  directLine: Pick<DirectLine, 'service' | 'tokens' | 'secret' | 'links'>;
  agents: Pick<AgentService, 'authenticate'>;
  /** Uploads one conversation may post per window (shared across instances). */
  uploadLimit?: Limiter;
}

const conversationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '会话编号格式不对');
const attachmentIdSchema = z.string().regex(attachmentIdPattern, '附件编号格式不对');
/** directlinejs names the sender in the query; the token decides who it is, so only its shape is checked. */
const uploadQuerySchema = z
  .object({
    userId: z
      .string()
      .regex(/^[\w:.@-]{1,128}$/, 'userId 格式不对')
      .optional(),
  })
  .loose();

/**
 * Attachment routes (issue 14), mounted before Direct Line's and the console's JSON routes:
 * - POST /v3/directline/conversations/{id}/upload: the customer's files with their activity;
 * - GET  /v3/directline/conversations/{id}/attachments/{aid}[/thumbnail]: the conversation's files,
 *   with a signed link or the conversation's token;
 * - GET  /api/attachments/{aid}[/thumbnail]: any file, for agents;
 * - POST /api/handoff/conversations/{id}/attachments: an agent sends files to the customer.
 */
/** An upload refused for its size is not read to the end: the connection closes after the 413. */
function closeIfTooLarge(res: Response): (error: unknown) => never {
  return (error) => {
    if (error instanceof AppError && error.details.limit === 'request') res.setHeader('Connection', 'close');
    throw error;
  };
}

export function createAttachmentRouter(deps: AttachmentRoutesDeps): Router {
  const { channel, attachments, directLine } = deps;
  const router = Router();

  const perConversation = deps.uploadLimit
    ? [limitBy(deps.uploadLimit, (req) => String(req.params.conversationId))]
    : [];
  router.post('/v3/directline/conversations/:conversationId/upload', ...perConversation, async (req, res) => {
    const credential = await credentialOf(req, directLine.secret, directLine.tokens);
    const conversationId = String(req.params.conversationId);
    assertConversationAccess(credential, conversationId);
    validateRequest(uploadQuerySchema, req.query, 'query');
    const conversation = await directLine.service.store.get(conversationId);
    if (!conversation) throw new AppError('not_found', '会话不存在', { conversationId });
    res.json(await channel.fromCustomer(conversation, req).catch(closeIfTooLarge(res)));
  });

  /** The conversation's own file, for a signed link or a bearer credential of that conversation. */
  const customerFile = async (req: Request): Promise<AttachmentRecord> => {
    const conversationId = validateRequest(conversationIdSchema, req.params.conversationId, 'conversationId');
    const attachmentId = validateRequest(attachmentIdSchema, req.params.attachmentId, 'attachmentId');
    if (req.query.sig === undefined)
      assertConversationAccess(await credentialOf(req, directLine.secret, directLine.tokens), conversationId);
    else if (!directLine.links.verify(conversationId, attachmentId, req.query))
      throw new AppError('forbidden', '附件链接无效或已过期。(Invalid or expired link.)');
    const record = await attachments.get(attachmentId);
    // Another conversation's file looks exactly like a missing one.
    if (!record || record.conversationId !== conversationId)
      throw new AppError('not_found', '没有这个附件。(No such attachment.)');
    return record;
  };
  router.get('/v3/directline/conversations/:conversationId/attachments/:attachmentId', async (req, res) => {
    const record = await customerFile(req);
    await sendAttachment(res, record, await attachments.open(record));
  });
  router.get('/v3/directline/conversations/:conversationId/attachments/:attachmentId/thumbnail', async (req, res) => {
    const record = await customerFile(req);
    await sendThumbnail(res, record, await attachments.open(record));
  });

  const agentFile = async (req: Request): Promise<AttachmentRecord> => {
    const record = await attachments.get(validateRequest(attachmentIdSchema, req.params.attachmentId, 'attachmentId'));
    if (!record) throw new AppError('not_found', '没有这个附件。(No such attachment.)');
    return record;
  };
  const agentOnly = requireAgent(deps.agents);
  router.get('/api/attachments/:attachmentId', agentOnly, async (req, res) => {
    const record = await agentFile(req);
    await sendAttachment(res, record, await attachments.open(record));
  });
  router.get('/api/attachments/:attachmentId/thumbnail', agentOnly, async (req, res) => {
    const record = await agentFile(req);
    await sendThumbnail(res, record, await attachments.open(record));
  });
  router.post(
    '/api/handoff/conversations/:conversationId/attachments',
    agentOnly,
    ...perConversation,
    async (req, res) => {
      const conversationId = validateRequest(conversationIdSchema, req.params.conversationId, 'conversationId');
      res.json(await channel.fromAgent(conversationId, currentAgent(res).login, req).catch(closeIfTooLarge(res)));
    },
  );
  return router;
}
