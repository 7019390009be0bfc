import { beforeEach, describe, it } from 'vitest';
import { DialogTestClient } from 'botbuilder-testing';
import { TicketStatusDialog } from '../../dialogs/TicketStatusDialog.js';
import { fakeDependencies, type FakeDependencies } from './fakes.js';
import { play, type TranscriptRow } from './transcript.js';

let deps: FakeDependencies;
const w = () => deps.texts.wording.ticketStatus;

beforeEach(() => {
  deps = fakeDependencies();
  deps.tickets.views.push({
    number: 'T20260101-0003',
    state: '待补充',
    createdAt: '2026-01-01T02:00:00.000Z',
    history: [
      { at: '2026-01-01T02:00:00.000Z', to: '未处理' },
      { at: '2026-01-01T05:30:00.000Z', from: '未处理', to: '待补充', note: '请补充故障照片' },
    ],
  });
  deps.tickets.phones.set('T20260101-0003', '13912348765');
});

async function lookup(rows: TranscriptRow[]) {
  await play(new DialogTestClient('test', new TicketStatusDialog(deps), { initialText: rows[0]?.[0] }), rows);
}

describe('TicketStatusDialog', () => {
  it('when number and last four digits match, then state and history are shown', async () => {
    await lookup([
      ['查一下工单 t20260101-0003', w().askLast4],
      ['8765', ['T20260101-0003', '待补充', '请补充故障照片', '2026-01-01 05:30']],
    ]);
  });

  it('when an agent left the customer a message on the ticket, then the lookup shows it under its own header', async () => {
    const view = deps.tickets.views[0];
    if (view) view.messages = [{ at: '2026-01-01T06:00:00.000Z', text: '工程师明天上午上门' }];
    await lookup([
      ['查一下工单 t20260101-0003', w().askLast4],
      ['8765', [w().messagesHeader, '2026-01-01 06:00 工程师明天上午上门']],
    ]);
  });

  it('when the last four digits are wrong, then the ticket is not shown and, after two tries, the customer is sent to a human', async () => {
    await lookup([
      ['工单T20260101-0003 手机尾号1234', [w().notFound, w().retry], '待补充'],
      ['T20260101-0003', w().askLast4],
      ['5678', w().giveUp, '待补充'],
    ]);
  });

  it('when the digits were wrong and the customer sends only the right four digits, then they are checked against the same number', async () => {
    await lookup([
      ['查工单T20260101-0003', w().askLast4],
      ['1234', [w().notFound, w().retry], '待补充'],
      ['8765', ['T20260101-0003', '待补充', '请补充故障照片']],
    ]);
  });

  it('when the customer gives the whole landline on the ticket, then its last four digits are used', async () => {
    deps.tickets.phones.set('T20260101-0003', '022-88868765');
    await lookup([['工单T20260101-0003，电话022-88868765，进度如何', ['T20260101-0003', '待补充']]]);
  });

  it('when the customer twice sends no ticket number, then the lookup ends instead of asking forever', async () => {
    await lookup([
      ['我要查工单', w().askNumber],
      ['主板', w().badNumber],
      ['不对，是电源坏了', w().noNumber, w().badNumber],
    ]);
  });

  it('when someone asks for a ticket that does not exist, then the answer is the same as for a wrong phone', async () => {
    await lookup([['T20260101-0999 后四位8765', w().notFound, '待补充']]);
  });

  it('when the ticket number is malformed, then the format is explained', async () => {
    await lookup([
      ['我要查工单', w().askNumber],
      ['12345', w().badNumber],
    ]);
  });
});
