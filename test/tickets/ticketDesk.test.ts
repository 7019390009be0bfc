import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDesk } from '../../dialogs/dependencies.js';
import type { DatabaseHandle } from '../../src/storage/openDatabase.js';
import type { TicketService } from '../../src/tickets/TicketService.js';
import { createTicketService } from '../../src/tickets/createTicketService.js';
import { sqliteFactory } from '../storage/databaseFactories.js';

// The dialogs use the ticket service through their narrow TicketDesk port; it must plug in as is.
describe('TicketService as the dialogs’ TicketDesk', () => {
  const factory = sqliteFactory();
  let handle: DatabaseHandle;
  let desk: TicketDesk;
  let service: TicketService;
  beforeAll(async () => {
    handle = await factory.open();
    service = createTicketService(handle, { TZ_OFFSET_MINUTES: 480 });
    desk = service;
  });
  afterAll(async () => {
    await handle.close();
    await factory.dispose();
  });

  it('when the dialog opens a ticket, adds lines and the customer looks it up, then they see its state', async () => {
    const at = new Date().toISOString();
    const { number } = await desk.create({
      idempotencyKey: 'desk-test-handoff-1',
      policy: 'standard-service',
      report: { model: 'GN7', description: 'GPU 掉卡', phone: '18655550123' },
      transcript: [{ from: 'customer', text: 'GPU 又掉了', at }],
      conversationId: 'conv-desk',
      origin: 'handoff',
    });
    expect(number).toMatch(/^T\d{8}-\d{6}$/);
    await desk.appendTranscript(number, [{ from: 'bot', text: '已为您转人工', at }], '客户要求人工');
    const view = await desk.findForCustomer(number, '0123');
    expect(view).toMatchObject({ number, state: '未处理', history: [{ to: '未处理' }] });
    expect(await desk.findForCustomer(number, '0124')).toBeUndefined();
  });

  it('when the customer closes the ticket, then the desk no longer calls it open (nor one that does not exist)', async () => {
    const at = new Date().toISOString();
    const { number } = await desk.create({
      idempotencyKey: 'desk-test-handoff-2',
      policy: 'standard-service',
      report: { phone: '18655550188' },
      transcript: [{ from: 'customer', text: '转人工', at }],
      conversationId: 'conv-desk-2',
      origin: 'handoff',
    });
    expect(await desk.isOpen(number)).toBe(true);
    await service.closeByCustomer(number, '0188');
    expect(await desk.isOpen(number)).toBe(false);
    expect(await desk.isOpen('T20990101-000001')).toBe(false);
    expect(await desk.isOpen('not a number')).toBe(false);
  });
});
