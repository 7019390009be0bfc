import { describe, expect, it } from 'vitest';
import { DialogTestClient } from 'botbuilder-testing';
import { HandoffDialog, type HandoffOptions } from '../../dialogs/HandoffDialog.js';
import { fakeDependencies, responseClause } from './fakes.js';
import { play } from './transcript.js';

describe('HandoffDialog', () => {
  it('when a 融科 customer has no ticket yet and first mistypes the phone, then it is asked again, the ticket is opened and the policy’s response promise is quoted', async () => {
    const deps = fakeDependencies();
    const h = deps.texts.wording.handoff;
    const promise = deps.texts.policies.find((p) => p.id === 'rongke-server')?.responsePromise ?? 'missing';
    const options: HandoffOptions = { reason: 'customer_asked', policy: 'rongke-server' };
    await play(new DialogTestClient('test', new HandoffDialog(deps), options), [
      ['转人工', h.askPhone],
      ['139', h.badPhone],
      ['13912340000', ['T20260101-0001', promise, responseClause.text, '融科联创服务器保修', '您前面还有 1 位客户']],
    ]);
    expect(deps.tickets.created[0]).toMatchObject({ origin: 'handoff', report: { phone: '13912340000' } });
    expect(deps.handoff.requests[0]).toMatchObject({ ticketNumber: 'T20260101-0001', reason: 'customer_asked' });
  });

  it('when the customer never named the product, then the ticket is filed under the fallback policy and no response time is promised', async () => {
    const deps = fakeDependencies();
    const client = new DialogTestClient('test', new HandoffDialog(deps), {
      reason: 'customer_asked',
    } satisfies HandoffOptions);
    await client.sendActivity('转人工');
    const reply = await client.sendActivity('13912340000');
    expect(reply?.text).toContain('T20260101-0001');
    expect(reply?.text).not.toContain(responseClause.text);
    const fallback = deps.texts.policies.find((p) => p.fallback);
    expect(fallback?.responsePromise).toBeUndefined();
    expect(deps.tickets.created[0]?.policy).toBe(fallback?.id);
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
