import type { Middleware } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { TicketStatusDialog } from '../../dialogs/TicketStatusDialog.js';
import { createLimiterStore } from '../../src/limits/limiter.js';
import { TicketLookupGuard } from '../../src/limits/ticketLookupGuard.js';
import { fakeDependencies, type FakeDependencies } from './fakes.js';
import { play, type TranscriptRow } from './transcript.js';

let deps: FakeDependencies;
const w = () => deps.texts.wording.ticketStatus;

beforeEach(() => {
  // One guard for every lookup of the test: the limits outlive a dialog, as they outlive a conversation.
  deps = fakeDependencies({ lookupLimits: new TicketLookupGuard(createLimiterStore(undefined)) });
  deps.tickets.views.push({
    number: 'T20260101-482913',
    state: '处理中',
    createdAt: '2026-01-01T02:00:00.000Z',
    history: [{ at: '2026-01-01T02:00:00.000Z', to: '未处理' }],
  });
  deps.tickets.phones.set('T20260101-482913', '13912348765');
});

/** One lookup dialog, as the next message after the previous one gave up would start it. */
async function lookup(rows: TranscriptRow[], conversationId = 'conv-guess') {
  const inConversation: Middleware = {
    async onTurn(context, next) {
      context.activity.conversation.id = conversationId;
      await next();
    },
  };
  const client = new DialogTestClient('test', new TicketStatusDialog(deps), { initialText: rows[0]?.[0] }, [
    inConversation,
  ]);
  await play(client, rows);
}

describe('guessing the phone digits of a ticket', () => {
  it('when wrong digits are tried five times, even across new lookups, then lookups of that number pause, the owner too, and agents get a note', async () => {
    await lookup([
      ['T20260101-482913 1111', [w().notFound, w().retry]],
      ['2222', w().giveUp],
    ]);
    await lookup([
      ['T20260101-482913 3333', [w().notFound, w().retry]],
      ['4444', w().giveUp],
    ]);
    // The fifth wrong guess reaches the number's limit.
    await lookup(
      [
        ['T20260101-482913 5555', [w().notFound, w().retry]],
        ['8765', '暂停'],
      ],
      'conv-other',
    );
    expect(deps.tickets.notes).toEqual([{ number: 'T20260101-482913', note: w().lockoutNote }]);
  });

  it('when a number that does not exist is guessed at, then it pauses the same way and leaves no note anywhere', async () => {
    for (const digits of ['1111', '2222', '3333', '4444', '5555'])
      await lookup([[`T20260101-999999 ${digits}`, w().notFound]], `conv-${digits}`);
    await lookup([['T20260101-999999 6666', '暂停']], 'conv-last');
    expect(deps.tickets.notes).toEqual([]);
  });

  it('when one conversation tries ten different numbers, then it must wait before trying any other', async () => {
    for (let i = 0; i < 10; i++) await lookup([[`T20260101-10000${i} 1234`, w().notFound]]);
    await lookup([['T20260101-482913 8765', '暂停', '处理中']]);
  });
});
