import { z } from 'zod';
import { safeText } from '../text/inputText.js';

/** Longest customer message accepted over HTTP; longer ones are refused naming `text`. */
export const MAX_ACTIVITY_TEXT = 4000;
/** Body size limit for /api/messages; bigger bodies get 413. */
export const MAX_ACTIVITY_BYTES = '256kb';

const account = z
  .object({
    id: z.string().min(1).max(256),
    name: safeText(z.string().max(256)).optional(),
    role: z.string().max(64).optional(),
  })
  .loose();

/**
 * The parts of an incoming Bot Framework activity the bot relies on. Other fields pass through
 * untouched (the SDK reads them), but these must have the right shape.
 */
export const incomingActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(256).optional(),
    channelId: z.string().min(1).max(128),
    serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
    from: account,
    recipient: account,
    conversation: z.object({ id: z.string().min(1).max(256) }).loose(),
    text: safeText(z.string().max(MAX_ACTIVITY_TEXT)).optional(),
    locale: z.string().max(32).optional(),
    name: z.string().max(256).optional(),
    deliveryMode: z.enum(['normal', 'notification', 'expectReplies', 'ephemeral']).optional(),
    membersAdded: z.array(account).max(100).optional(),
    membersRemoved: z.array(account).max(100).optional(),
  })
  .loose();

export type IncomingActivity = z.infer<typeof incomingActivitySchema>;
