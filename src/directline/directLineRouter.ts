import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { jsonBody } from '../http/jsonBody.js';
import { tooManyRequests } from '../http/rateLimit.js';
import type { Limiter } from '../limits/limiter.js';
import { clientActivitySchema, MAX_TEXT_LENGTH, parseWatermark } from './activity.js';
import { linkAccessOf, type AttachmentLinks } from './attachmentLinks.js';
import { assertConversationAccess, credentialOf, type DlCredential } from './directLineAuth.js';
import type { DirectLineService } from './directLineService.js';
import { newId, type DlConversation } from './conversationStore.js';
import type { TokenIssuer } from './tokens.js';

const userIdSchema = z.string().regex(/^dl_[A-Za-z0-9_-]{1,64}$/);
const startBodySchema = z
  .object({
    user: z
      .object({ id: z.string().optional(), name: z.string().max(100).optional() })
      .loose()
      .optional(),
  })
  .loose()
  .optional();

export interface DirectLineRouterOptions {
  service: DirectLineService;
  tokens: TokenIssuer;
  secret: string;
  /** Signs attachment links in the activities a client reads. */
  links: AttachmentLinks;
  /** Activities one conversation may post per window. */
  perConversation?: Limiter;
  /**
   * Past this many turns queued on the instance, customer posts are refused with 503 and
   * Retry-After (Web Chat offers to resend) instead of queueing behind minutes of work.
   */
  shedding?: { maxQueuedTurns: number; onShed: () => void };
}

/** How long a refused customer is asked to wait before resending. */
const SHED_RETRY_AFTER_MS = 3000;

/** The user id from a start request, when it is a valid Direct Line id; else a fresh one. */
function chosenUserId(body: unknown): string {
  const parsed = startBodySchema.safeParse(body);
  const requested = parsed.success ? parsed.data?.user?.id : undefined;
  return userIdSchema.safeParse(requested).success && requested ? requested : `dl_${newId(12)}`;
}

/** The absolute ws(s) URL of a conversation's stream; it carries its own token. */
export function streamUrlFor(req: Request, conversationId: string, token: string, watermark: string): string {
  const scheme = req.protocol === 'https' ? 'wss' : 'ws';
  const query = new URLSearchParams({ watermark, t: token });
  return `${scheme}://${req.get('host') ?? 'localhost'}/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream?${query}`;
}

/**
 * Direct Line 3.0 REST endpoints, as botframework-directlinejs and Web Chat call them.
 * Errors are AppErrors for the central error handler (401 no credential, 403 bad/expired or
 * foreign token, 404 unknown conversation).
 */
export function createDirectLineRouter({
  service,
  tokens,
  secret,
  links,
  perConversation,
  shedding,
}: DirectLineRouterOptions): express.Router {
  const router = express.Router();
  router.use('/v3/directline', jsonBody(`${MAX_TEXT_LENGTH * 4 + 16_000}b`));
  const auth = (req: Request): Promise<DlCredential> => credentialOf(req, secret, tokens);
  const conversationOf = async (req: Request, credential: DlCredential): Promise<DlConversation> => {
    const id = String(req.params.conversationId ?? '');
    assertConversationAccess(credential, id);
    const conversation = await service.store.get(id);
    if (!conversation) throw new AppError('not_found', '会话不存在', { conversationId: id });
    return conversation;
  };
  const describe = async (req: Request, conversation: DlConversation, status: number, res: Response): Promise<void> => {
    const { token, expiresIn } = await tokens.issue(conversation.id, conversation.userId);
    const watermark = typeof req.query.watermark === 'string' ? String(parseWatermark(req.query.watermark)) : '';
    res.status(status).json({
      conversationId: conversation.id,
      token,
      expires_in: expiresIn,
      streamUrl: streamUrlFor(req, conversation.id, token, watermark),
      referenceGrammarId: conversation.id,
    });
  };

  router.post('/v3/directline/tokens/generate', async (req, res) => {
    if ((await auth(req)).kind !== 'secret') throw new AppError('forbidden', '生成令牌需要 Direct Line 密钥');
    const conversation = await service.store.create(chosenUserId(req.body));
    const { token, expiresIn } = await tokens.issue(conversation.id, conversation.userId);
    res.json({ conversationId: conversation.id, token, expires_in: expiresIn });
  });

  router.post('/v3/directline/tokens/refresh', async (req, res) => {
    const credential = await auth(req);
    if (credential.kind !== 'token') throw new AppError('forbidden', '刷新需要令牌');
    const { token, expiresIn } = await tokens.issue(credential.claims.conv, credential.claims.user);
    res.json({ conversationId: credential.claims.conv, token, expires_in: expiresIn });
  });

  router.post('/v3/directline/conversations', async (req, res) => {
    const credential = await auth(req);
    if (credential.kind === 'token') {
      const conversation = await service.store.get(credential.claims.conv);
      if (!conversation) throw new AppError('not_found', '会话不存在');
      return describe(req, conversation, 201, res);
    }
    await describe(req, await service.store.create(chosenUserId(req.body)), 201, res);
  });

  router.get('/v3/directline/conversations/:conversationId', async (req, res) => {
    await describe(req, await conversationOf(req, await auth(req)), 200, res);
  });

  router.get('/v3/directline/conversations/:conversationId/activities', async (req, res) => {
    const credential = await auth(req);
    const conversation = await conversationOf(req, credential);
    const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    res.json(
      links.present(
        await service.store.after(conversation.id, parseWatermark(req.query.watermark)),
        linkAccessOf(credential, conversation.id, origin),
      ),
    );
  });

  router.post('/v3/directline/conversations/:conversationId/activities', async (req, res) => {
    const conversation = await conversationOf(req, await auth(req));
    const parsed = clientActivitySchema.safeParse(req.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'body';
      if (issue?.message === 'text too long')
        throw new AppError('payload_too_large', `消息过长（最多 ${MAX_TEXT_LENGTH} 字）`, { field });
      // A custom issue is the shared text check: say what is wrong with the text.
      const why = issue?.code === 'custom' ? `：${issue.message}` : '';
      throw new AppError('bad_request', `活动格式不正确：${field}${why}`, { field });
    }
    if (shedding && parsed.data.type !== 'typing' && service.queuedTurns >= shedding.maxQueuedTurns) {
      shedding.onShed();
      throw new AppError('unavailable', '当前咨询人数较多，请稍后重新发送', { retryAfterMs: SHED_RETRY_AFTER_MS });
    }
    if (perConversation && parsed.data.type !== 'typing') {
      const limited = await perConversation.consume(`directline/${conversation.id}`);
      if (!limited.allowed) throw tooManyRequests(limited.retryAfterMs);
    }
    const echo = await service.acceptFromClient(conversation, parsed.data);
    res.json({ id: echo.id });
  });

  router.post('/v3/directline/conversations/:conversationId/upload', async (req) => {
    await conversationOf(req, await auth(req));
    throw new AppError('not_implemented', '暂不支持上传附件');
  });

  return router;
}
