import { expect } from 'vitest';
import type { DialogTestClient } from 'botbuilder-testing';
import type { Activity } from 'botbuilder';

/** One row of a transcript table: what the customer says, and what the bot's replies must contain or match. */
export type TranscriptRow = [
  says: string,
  expects: string | RegExp | Array<string | RegExp>,
  mustNot?: string | RegExp,
];

/** All reply texts of one turn (plus suggested-action titles), joined. */
export async function talk(client: DialogTestClient, text: string): Promise<string> {
  const replies: Partial<Activity>[] = [];
  const first: Partial<Activity> | undefined = await client.sendActivity(text);
  if (first) replies.push(first);
  for (let next = client.getNextReply(); next; next = client.getNextReply()) replies.push(next);
  return describeReplies(replies);
}

/** Reply texts and suggested-action titles, one per line. */
export function describeReplies(replies: Partial<Activity>[]): string {
  return replies
    .map((r) => [r.text ?? '', ...(r.suggestedActions?.actions.map((a) => `[${a.title ?? ''}]`) ?? [])].join(' '))
    .join('\n');
}

/** Asserts one reply against a row's expectations. */
export function expectReply(reply: string, row: TranscriptRow): void {
  const [says, expects, mustNot] = row;
  for (const e of Array.isArray(expects) ? expects : [expects]) {
    if (typeof e === 'string') expect(reply, `after “${says}”`).toContain(e);
    else expect(reply, `after “${says}”`).toMatch(e);
  }
  if (mustNot !== undefined) {
    if (typeof mustNot === 'string') expect(reply, `after “${says}”`).not.toContain(mustNot);
    else expect(reply, `after “${says}”`).not.toMatch(mustNot);
  }
}

/** Plays a transcript table against a dialog test client. */
export async function play(client: DialogTestClient, rows: TranscriptRow[]): Promise<void> {
  for (const row of rows) expectReply(await talk(client, row[0]), row);
}
