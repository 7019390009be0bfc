import { createHash, randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';

/**
 * The idempotency key of something a dialog will create (a ticket), fixed by the activity
 * that began the dialog: that activity redelivered, or its turn run again after a crash,
 * makes the same key, so the ticket store returns the ticket the first run created.
 */
export function creationKey(context: TurnContext, purpose: 'repair' | 'handoff'): string {
  const { activity } = context;
  // Without an activity id (some test channels) the key is at least unique.
  const id = activity.id || randomUUID();
  return createHash('sha256')
    .update([purpose, activity.channelId, activity.conversation.id, id].join('\u0000'))
    .digest('base64url');
}
