import { Router } from 'express';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { AppError } from '../errors.js';
import { incomingActivitySchema, MAX_ACTIVITY_BYTES } from './activitySchema.js';
import { jsonBody } from '../http/jsonBody.js';
import { checkServiceUrl } from './serviceUrlGuard.js';
import { noteConversation } from '../observability/logContext.js';

export interface MessagesRouteOptions {
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  channelAuth: boolean;
  serviceUrlAllowlist: readonly string[];
}

/**
 * POST /messages (mount at /api): size-limited JSON, zod-checked activity, serviceUrl allowlist
 * when channel auth is off, then CloudAdapter.process -> bot.run. Refusals are AppErrors for the
 * central error handler: 400 naming the field, 413 when too big, 403 for a foreign serviceUrl.
 */
export function createMessagesRouter(options: MessagesRouteOptions): Router {
  const router = Router();
  router.post('/messages', jsonBody(MAX_ACTIVITY_BYTES), async (req, res, next) => {
    try {
      const checked = incomingActivitySchema.safeParse(req.body);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        const field = issue?.path.join('.') || 'body';
        const tooLong = issue?.code === 'too_big';
        // A custom issue is the shared text check, whose message names the problem in Chinese.
        const problem = tooLong ? '超出长度上限' : issue?.code === 'invalid_type' ? '缺失或类型不对' : issue?.code === 'custom' ? issue.message : '格式不对';
        throw new AppError(tooLong ? 'payload_too_large' : 'bad_request', `活动字段 ${field} ${problem}。`, { field, issue: issue?.code });
      }
      if (!options.channelAuth) {
        const url = checkServiceUrl(checked.data.serviceUrl, options.serviceUrlAllowlist);
        if (!url.ok) throw new AppError('forbidden', `拒绝处理：${url.reason}`, { field: 'serviceUrl' });
      }
      noteConversation(checked.data.conversation.id);
      // The adapter reads req.body: hand it the checked activity (text without bidi controls).
      req.body = checked.data;
      await options.adapter.process(req, res, options.logic);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
