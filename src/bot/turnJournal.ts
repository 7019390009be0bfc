import type { Activity } from 'botbuilder';

/**
 * How many of a conversation's latest turns a redelivered activity is recognised from. A
 * channel retries within seconds, so a short memory is enough and keeps the state small.
 */
export const JOURNAL_TURNS = 10;

/** One turn the bot finished: the inbound activity's id and what the bot said. */
export interface JournalEntry {
  activityId: string;
  replies: Partial<Activity>[];
}

/** Never replayed: they describe the moment, not the answer. */
const MOMENTARY_TYPES = new Set(['typing', 'trace', 'delay']);

/** What a replayed reply keeps: its content, not its ids, addresses or timestamps. */
const REPLAYED_FIELDS = [
  'type',
  'text',
  'textFormat',
  'speak',
  'inputHint',
  'suggestedActions',
  'attachments',
  'attachmentLayout',
  'channelData',
  'entities',
  'value',
  'name',
  'summary',
  'locale',
] as const satisfies ReadonlyArray<keyof Activity>;

/** The id that identifies a redelivery of this activity, when the channel gave one. */
export function journalKey(activity: Partial<Activity>): string | undefined {
  return typeof activity.id === 'string' && activity.id.length > 0 ? activity.id : undefined;
}

/**
 * What a sent reply says (a copy), or undefined when it is not worth replaying. Ids, addresses
 * and timestamps are left out: sending it again sets them for the new delivery.
 */
export function replayable(activity: Partial<Activity>): Partial<Activity> | undefined {
  if (MOMENTARY_TYPES.has(String(activity.type))) return undefined;
  const kept: Partial<Activity> = {};
  for (const field of REPLAYED_FIELDS) {
    // botframework-schema types channelData and value as any: copied as they are, never read.
    const value: unknown = activity[field];
    if (value !== undefined) Object.assign(kept, { [field]: value });
  }
  return kept;
}

/** Adds a finished turn, forgetting the oldest beyond JOURNAL_TURNS. */
export function remember(journal: JournalEntry[], activityId: string, replies: Partial<Activity>[]): void {
  journal.push({ activityId, replies });
  if (journal.length > JOURNAL_TURNS) journal.splice(0, journal.length - JOURNAL_TURNS);
}
