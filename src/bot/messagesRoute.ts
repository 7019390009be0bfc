import { z } from 'zod';
import { Router, type Request } from 'express';
import type { CloudAdapter, Response as BotResponse, TurnContext } from 'botbuilder';
import { AppError } from '../errors.js';
import { jsonBody } from '../http/jsonBody.js';
import { clientAddress, limitBy } from '../http/rateLimit.js';
import type { Limiter } from '../limits/limiter.js';
import type { TurnLocks } from '../turns/turnLocks.js';
import { incomingActivitySchema, MAX_ACTIVITY_BYTES, type IncomingActivity } from './activitySchema.js';
import { isChannelUnreachable, type ChannelHealth } from './channelDelivery.js';
import { checkServiceUrl } from './serviceUrlGuard.js';
import { noteConversation } from '../observability/logContext.js';

export interface MessagesRouteOptions {
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  channelAuth: boolean;
  serviceUrlAllowlist: readonly string[];
  /** One turn per conversation at a time (across instances on PostgreSQL). */
  locks: TurnLocks;
  limits: { perConversation: Limiter; perAddress: Limiter };
  health: ChannelHealth;
}

/**
 * POST /messages (mount at /api): size-limited JSON, zod-checked activity, serviceUrl allowlist
 * when channel auth is off, rate limits per address and per conversation, then one turn at a
 * time per conversation through CloudAdapter -> bot.run. Refusals are AppErrors for the central
 * error handler: 400 naming the field, 413 when too big, 403 for a foreign serviceUrl, 429, and
 * 503 when the replies cannot reach the serviceUrl (the channel retries; the turn is not kept).
 */
export function createMessagesRouter(options: MessagesRouteOptions): Router {
  const router = Router();
  router.post(
    '/messages',
    limitBy(options.limits.perAddress, clientAddress),
    jsonBody(MAX_ACTIVITY_BYTES),
    async (req, res) => {
      const activity = checkedActivity(req.body, options);
      noteConversation(activity.conversation.id);
      const limited = await options.limits.perConversation.consume(conversationKey(activity));
      if (!limited.allowed)
        throw new AppError(
          'too_many_requests',
          '该会话的消息过于频繁，请稍后再试。(Too many messages in this conversation.)',
          { retryAfterMs: limited.retryAfterMs },
        );
      // Replies that will go out over HTTP: while their host is known to be down, the turn does
      // not run at all (no state change, no ticket); the channel retries later.
      const deliveredByHttp = activity.deliveryMode !== 'expectReplies';
      const host = new URL(activity.serviceUrl).host;
      const down = deliveredByHttp ? options.health.downFor(host) : 0;
      if (down > 0) throw unreachable(down);
      let undelivered = false;
      const logic = async (context: TurnContext) => {
        try {
          await options.logic(context);
        } catch (error) {
          // Not the bot's fault and nothing to apologise for (it could not be delivered): the
          // turn's state was not saved, so the channel's retry runs it again.
          if (!isChannelUnreachable(error)) throw error;
          undelivered = true;
        }
      };
      // The adapter reads req.body: hand it the checked activity (text without bidi controls).
      req.body = activity;
      const answer = new CapturedResponse();
      await options.locks.withLock(conversationKey(activity), () =>
        options.adapter.process(requestFor(req), answer, logic),
      );
      if (undelivered) throw unreachable(options.health.downFor(host));
      if (answer.statusCode === 401)
        throw new AppError('unauthorized', '渠道身份验证失败。(Channel authentication failed.)');
      if (answer.statusCode >= 500) throw new AppError('internal', '处理消息失败。');
      if (answer.body === undefined) res.status(answer.statusCode).end();
      else res.status(answer.statusCode).json(answer.body);
    },
  );
  return router;
}

function checkedActivity(body: unknown, options: MessagesRouteOptions): IncomingActivity {
  const checked = incomingActivitySchema.safeParse(body);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = issue?.path.join('.') || 'body';
    const tooLong = issue?.code === 'too_big';
    // A custom issue is the shared text check, whose message names the problem in Chinese.
    const problem = tooLong
      ? '超出长度上限'
      : issue?.code === 'invalid_type'
        ? '缺失或类型不对'
        : issue?.code === 'custom'
          ? issue.message
          : '格式不对';
    throw new AppError(tooLong ? 'payload_too_large' : 'bad_request', `活动字段 ${field} ${problem}。`, {
      field,
      issue: issue?.code,
    });
  }
  // The bot handles no invoke activities (no cards, no sign-in): say so instead of the adapter's 501.
  if (checked.data.type === 'invoke')
    throw new AppError('bad_request', '活动字段 type 不支持 invoke。', { field: 'type' });
  if (!options.channelAuth) {
    const url = checkServiceUrl(checked.data.serviceUrl, options.serviceUrlAllowlist);
    if (!url.ok) throw new AppError('forbidden', `拒绝处理：${url.reason}`, { field: 'serviceUrl' });
  }
  return checked.data;
}

/** The lock and rate-limit key of the activity's conversation. */
function conversationKey(activity: { channelId: string; conversation: { id: string } }): string {
  return `${activity.channelId}/${activity.conversation.id}`;
}

function unreachable(retryAfterMs: number): AppError {
  return new AppError(
    'unavailable',
    '回复暂时无法送达 serviceUrl，请稍后重试。(The channel is unreachable; retry later.)',
    { field: 'serviceUrl', retryAfterMs: Math.max(1000, retryAfterMs) },
  );
}

/** What CloudAdapter.process reads of the request. */
function requestFor(req: Request): {
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  method: string;
} {
  const body = z.record(z.string(), z.unknown()).safeParse(req.body);
  return { body: body.success ? body.data : {}, headers: req.headers, method: req.method };
}

/** Takes the adapter's answer, so this route decides what the channel gets. */
class CapturedResponse implements BotResponse {
  socket: unknown = undefined;
  statusCode = 200;
  body: unknown = undefined;

  status(code: number): this {
    this.statusCode = code;
    return this;
  }

  send(body: unknown): this {
    this.body = body;
    return this;
  }

  header(): this {
    return this;
  }

  end(): this {
    return this;
  }
}
