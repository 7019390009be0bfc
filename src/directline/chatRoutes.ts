import express from 'express';
import { join } from 'node:path';
import { z } from 'zod';
import { jsonBody } from '../http/jsonBody.js';
import type { Limiter } from '../limits/limiter.js';
import { clientAddress, limitBy } from '../http/rateLimit.js';
import { validateRequest } from '../http/validateRequest.js';
import { newId } from './conversationStore.js';
import type { DirectLineService } from './directLineService.js';
import { PUBLIC_DIR, webChatBundlePath } from './staticAssets.js';
import type { TokenIssuer } from './tokens.js';

/** How long after expiry a stored token may still resume its conversation (a closed tab). */
const RESUME_GRACE_SECONDS = 7 * 24 * 3600;

const tokenRequestSchema = z
  .object({ conversationId: z.string().max(128).optional(), token: z.string().max(2048).optional() })
  .strict();

/**
 * The customer's page: /chat, the Web Chat bundle, and /api/chat/token, which mints a
 * conversation token server-side (the page never sees the secret). Given its previous
 * conversation id and token, it resumes that conversation with a fresh token.
 */
export function createChatRouter(service: DirectLineService, tokens: TokenIssuer, mintLimit?: Limiter): express.Router {
  const router = express.Router();
  const bundle = webChatBundlePath();
  router.get('/chat', (_req, res) => res.sendFile(join(PUBLIC_DIR, 'chat.html')));
  router.get('/webchat/webchat.js', (_req, res) => res.sendFile(bundle, { maxAge: '1d' }));
  router.use('/static', express.static(PUBLIC_DIR, { index: false }));

  // Each call may create a conversation row: cap how fast one address can do that.
  const limited = mintLimit ? [limitBy(mintLimit, clientAddress)] : [];
  router.post('/api/chat/token', ...limited, jsonBody('8kb'), async (req, res) => {
    // A body that is not {conversationId?, token?} is refused; a stale or foreign token is not
    // an error: the customer simply gets a fresh conversation.
    const previous = validateRequest(tokenRequestSchema, req.body ?? {}, 'body');
    // A page reloaded within the grace period resumes its conversation; otherwise a new one.
    const check =
      previous.token && previous.conversationId ? await tokens.verify(previous.token, RESUME_GRACE_SECONDS) : undefined;
    const resumed =
      check?.ok && check.claims.conv === previous.conversationId
        ? await service.store.get(previous.conversationId)
        : undefined;
    const conversation = resumed ?? (await service.store.create(`dl_${newId(12)}`));
    const { token, expiresIn } = await tokens.issue(conversation.id, conversation.userId);
    res.json({
      conversationId: conversation.id,
      userId: conversation.userId,
      token,
      expires_in: expiresIn,
      resumed: resumed !== undefined,
    });
  });
  return router;
}
