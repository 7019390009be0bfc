import { z } from 'zod';
import { AppError } from '../errors.js';
import { safeText } from '../text/inputText.js';

/** Largest message text we accept from a customer; longer input is refused with 413. */
export const MAX_TEXT_LENGTH = 4000;

/**
 * An activity as the Direct Line log stores and serves it: a Bot Framework activity object
 * with at least an id and a type. Extra fields pass through untouched (Web Chat relies on
 * channelData, suggestedActions, attachments, entities...).
 */
export const dlActivitySchema = z
  .object({
    id: z.string(),
    type: z.string(),
  })
  .loose();
export type DlActivity = z.infer<typeof dlActivitySchema>;

/** An activity before the log has given it an id and timestamp. */
export type NewActivity = { type: string; [key: string]: unknown };

const channelAccountSchema = z.object({
  id: z.string().max(256).optional(),
  name: safeText(z.string().max(256)).optional(),
  role: z.string().max(32).optional(),
});

/** What a client may POST to /conversations/{id}/activities (Web Chat's fields; others are stripped). */
export const clientActivitySchema = z.object({
  // What Web Chat sends; a client has no business posting conversationUpdate, invoke, handoff...
  type: z.enum(['message', 'event', 'typing']),
  text: safeText(z.string().max(MAX_TEXT_LENGTH, { message: 'text too long' })).optional(),
  name: safeText(z.string().max(256)).optional(),
  value: z.unknown().optional(),
  locale: z.string().max(32).optional(),
  textFormat: z.string().max(32).optional(),
  from: channelAccountSchema.optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  attachments: z.array(z.unknown()).max(10).optional(),
  entities: z.array(z.unknown()).max(20).optional(),
  timestamp: z.string().max(64).optional(),
  localTimestamp: z.string().max(64).optional(),
  localTimezone: z.string().max(64).optional(),
});
// Unknown fields are dropped: a client must not smuggle in replyToId, callerId, relatesTo...
export type ClientActivity = z.infer<typeof clientActivitySchema>;

/** The activity id Direct Line gives the n-th activity of a conversation. */
export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/**
 * Parses a watermark query value. Absent or empty means "from the start" (directlinejs sends
 * an empty one at first); anything else that is not a plain count is refused, not guessed at.
 */
export function parseWatermark(value: unknown): number {
  if (value === undefined || value === '') return 0;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) {
    throw new AppError('bad_request', 'watermark 无效：应为非负整数。(invalid watermark)', { field: 'watermark' });
  }
  return Number(value);
}
