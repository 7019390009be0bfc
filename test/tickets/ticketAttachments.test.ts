import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AttachmentRecords } from '../../src/attachments/attachmentRecords.js';
import type { DatabaseHandle } from '../../src/storage/openDatabase.js';
import { createTicketService } from '../../src/tickets/createTicketService.js';
import type { TicketService } from '../../src/tickets/TicketService.js';
import { sqliteFactory } from '../storage/databaseFactories.js';

const factory = sqliteFactory();
let handle: DatabaseHandle;
let tickets: TicketService;
let records: AttachmentRecords;
beforeAll(async () => {
  handle = await factory.open();
  tickets = createTicketService(handle, { TZ_OFFSET_MINUTES: 480 });
  records = new AttachmentRecords(handle.db);
});
afterAll(async () => {
  await handle.close();
  await factory.dispose();
});

let n = 0;
/** A file received in a conversation (content digest made unique per call). */
const file = (conversationId: string, name: string) =>
  records.save({
    sha256: (n += 1).toString(16).padStart(64, '0'),
    name,
    type: 'image/png',
    size: 100 + n,
    uploader: 'customer:u',
    conversationId,
    ticketNumber: null,
  });

const supplement = (number: string, conversationId: string, ids: string[]) =>
  tickets.supplementWithAttachments(number, {
    conversationId,
    ids,
    transcriptText: '发送了附件',
    note: '客户补充了附件',
  });

describe('files on tickets', () => {
  it('when a report opens a ticket with files, then only that conversation’s files not yet on a ticket join it', async () => {
    const own = await file('c-own', '灯.png');
    const foreign = await file('c-other', 'x.png');
    const ticket = await tickets.create({
      policy: 'rongke-server',
      conversationId: 'c-own',
      attachmentIds: [own.id, foreign.id],
    });
    expect(ticket.attachments).toEqual([{ id: own.id, name: '灯.png', type: 'image/png', size: own.size }]);
    const again = await tickets.create({ policy: 'rongke-server', conversationId: 'c-own', attachmentIds: [own.id] });
    expect(again.attachments).toEqual([]);
    expect((await tickets.list({})).items.every((item) => !('attachments' in item))).toBe(true);
  });

  it('when the customer supplements a 待补充 ticket with files, then it returns to 未处理 with a history note and a transcript line', async () => {
    const ticket = await tickets.create({ policy: 'standard-service', conversationId: 'c-sup' });
    await tickets.moveByAgent(ticket.number, '待补充', 'li', '请发日志');
    const log = await file('c-sup', 'sel.log');
    const { ticket: after, from } = await supplement(ticket.number, 'c-sup', [log.id]);
    expect([from, after.state]).toEqual(['待补充', '未处理']);
    expect(after.attachments.map((a) => a.id)).toEqual([log.id]);
    expect(after.history.at(-1)).toMatchObject({
      from: '待补充',
      to: '未处理',
      by: 'customer',
      note: '客户补充了附件',
    });
    expect(after.transcript.at(-1)).toMatchObject({ from: 'customer', text: '发送了附件' });
  });

  it('when the ticket is being handled, closed, or belongs to another conversation, then the lifecycle decides', async () => {
    const ticket = await tickets.create({ policy: 'standard-service', conversationId: 'c-life' });
    await tickets.moveByAgent(ticket.number, '处理中', 'li');
    const photo = await file('c-life', 'a.png');
    expect((await supplement(ticket.number, 'c-life', [photo.id])).ticket.state).toBe('处理中');
    await expect(supplement(ticket.number, 'c-else', [photo.id])).rejects.toMatchObject({ code: 'forbidden' });
    await tickets.moveByAgent(ticket.number, '已结单', 'li');
    await expect(supplement(ticket.number, 'c-life', [(await file('c-life', 'b.png')).id])).rejects.toMatchObject({
      code: 'conflict',
    });
    expect((await tickets.get(ticket.number)).attachments.map((a) => a.name)).toEqual(['a.png']);
  });
});
