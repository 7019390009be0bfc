import { describe, expect, it } from 'vitest';
import { DialogTestClient } from 'botbuilder-testing';
import { HandoffDialog, type HandoffOptions } from '../../dialogs/HandoffDialog.js';
import { fakeDependencies, responseClause } from './fakes.js';
import { play } from './transcript.js';

describe('HandoffDialog', () => {
  it('when there is no ticket yet and the phone is first mistyped, then it is asked again, the ticket is opened and the promise is quoted', async () => {
    const deps = fakeDependencies();
    const h = deps.texts.wording.handoff;
    const options: HandoffOptions = { reason: 'customer_asked' };
    await play(new DialogTestClient('test', new HandoffDialog(deps), options), [
      ['转人工', h.askPhone],
      ['139', h.badPhone],
      ['13912340000', ['T20260101-0001', h.promise, responseClause.text, '融科联创服务器保修', '您前面还有 1 位客户']],
    ]);
    expect(deps.tickets.created[0]).toMatchObject({ origin: 'handoff', report: { phone: '13912340000' } });
    expect(deps.handoff.requests[0]).toMatchObject({ ticketNumber: 'T20260101-0001', reason: 'customer_asked' });
  });

  it('when the customer prefers not to leave a phone, then the ticket is opened without one', async () => {
    const deps = fakeDependencies();
    await play(
      new DialogTestClient('test', new HandoffDialog(deps), { reason: 'bot_offer' } satisfies HandoffOptions),
      [
        ['好的', deps.texts.wording.handoff.askPhone],
        ['不方便', 'T20260101-0001'],
      ],
    );
    expect(deps.tickets.created[0]?.report.phone).toBeUndefined();
    expect(deps.handoff.requests[0]?.reason).toBe('bot_offer');
  });
});
