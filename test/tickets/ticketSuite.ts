import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import type { DatabaseHandle } from '../../src/storage/openDatabase.js';
import { KyselyTicketStore } from '../../src/tickets/KyselyTicketStore.js';
import { TicketService } from '../../src/tickets/TicketService.js';
import type { NewTicketInput, TicketState } from '../../src/tickets/ticketSchemas.js';
import type { DatabaseFactory } from '../storage/databaseFactories.js';

const report = {
  model: 'RS-2288 V5',
  serial: 'SN88A00321',
  description: '开机后风扇狂转，三分钟后自动关机',
  errorMessage: 'PSU 2 fault',
  organization: '南湖大学信息中心',
  contactName: '赵工',
  phone: '13912340876',
  address: '杭州市西湖区文三路 88 号',
};
const newTicket = (overrides: Partial<NewTicketInput> = {}): NewTicketInput => ({
  policy: 'rongke-server',
  report,
  conversationId: 'conv-1',
  transcript: [{ from: 'customer', text: '服务器老是自己关机', at: '2026-11-23T01:00:00.000Z' }],
  ...overrides,
});

async function expectAppError(promise: Promise<unknown>, code: AppError['code']): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  if (!(error instanceof AppError)) throw new Error('unreachable');
  expect(error.code).toBe(code);
  return error;
}

/** The tickets domain over a real database, run against each engine. */
export function ticketSuite(makeFactory: () => DatabaseFactory): void {
  describe('tickets on a real database', () => {
    const factory = makeFactory();
    let handle: DatabaseHandle;
    let service: TicketService;
    let store: KyselyTicketStore;
    // 2026-11-23 17:30 UTC is already 2026-11-24 in UTC+8, the service desk's day.
    let clock = new Date('2026-11-23T17:30:00.000Z');
    beforeAll(async () => {
      handle = await factory.open();
      store = new KyselyTicketStore(handle.db, handle.dialect);
      service = new TicketService(store, {
        tzOffsetMinutes: 480,
        now: () => clock,
      });
    });
    afterAll(async () => {
      await handle.close();
      await factory.dispose();
    });

    it('when a ticket is created, then it is 未处理, numbered by the local day and keeps everything given', async () => {
      const ticket = await service.create(newTicket({ coverage: { covered: true, remedy: 'replace' } }));
      expect(ticket.number).toMatch(/^T20261124-\d{6}$/);
      expect(ticket.state).toBe('未处理');
      expect(ticket.report).toEqual(report);
      expect(ticket.coverage).toEqual({ covered: true, remedy: 'replace' });
      expect(ticket.transcript).toEqual(newTicket().transcript);
      expect(ticket.history).toEqual([
        { from: null, to: '未处理', by: 'bot', note: null, noteVisibility: 'customer', at: clock.toISOString() },
      ]);
      expect(ticket.conversationId).toBe('conv-1');
      expect(ticket.rating).toBeNull();
    });

    it('when twenty tickets are created at once, then their numbers are distinct and cannot be counted through', async () => {
      clock = new Date('2026-12-01T03:00:00.000Z');
      const created = await Promise.all(Array.from({ length: 20 }, () => service.create(newTicket())));
      const numbers = created.map((t) => t.number);
      expect(new Set(numbers).size).toBe(20);
      for (const number of numbers) expect(number).toMatch(/^T20261201-\d{6}$/);
      // Random six-digit parts: knowing one number says nothing about the next.
      const parts = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
      expect(parts.slice(1).some((p, i) => p - (parts[i] ?? 0) !== 1)).toBe(true);
    });

    it('when a creation is retried with the same idempotency key, one after the other or racing, then there is one ticket', async () => {
      const first = await service.create(newTicket({ idempotencyKey: 'form-retried-0001' }));
      const again = await service.create(newTicket({ idempotencyKey: 'form-retried-0001' }));
      expect(again.number).toBe(first.number);
      const racing = await Promise.all(
        Array.from({ length: 6 }, () => service.create(newTicket({ idempotencyKey: 'form-racing-0002' }))),
      );
      expect(new Set(racing.map((t) => t.number)).size).toBe(1);
      const stored = await handle.db
        .selectFrom('tickets')
        .select('number')
        .where('idempotency_key', 'in', ['form-retried-0001', 'form-racing-0002'])
        .execute();
      expect(stored).toHaveLength(2);
    });

    it('when a random number is already taken, then the ticket gets another one', async () => {
      const taken = await service.create(newTicket());
      const draws = [taken.number, taken.number, 'T20261201-555123'];
      const colliding = new TicketService(
        new KyselyTicketStore(handle.db, handle.dialect, () => draws.shift() ?? 'T20261201-555124'),
        { tzOffsetMinutes: 480, now: () => clock },
      );
      const ticket = await colliding.create(newTicket());
      expect(ticket.number).toBe('T20261201-555123');
      expect((await service.get(taken.number)).number).toBe(taken.number);
    });

    it('when the database is reopened, then tickets survive', async () => {
      const before = await service.create(newTicket());
      const reopened = await factory.open();
      try {
        const again = new TicketService(new KyselyTicketStore(reopened.db, reopened.dialect), {
          tzOffsetMinutes: 480,
          now: () => clock,
        });
        expect((await again.get(before.number)).report).toEqual(report);
        const next = await again.create(newTicket());
        expect(next.number).not.toBe(before.number);
      } finally {
        await reopened.close();
      }
    });

    it('when a customer gives the right number and last four digits, then they see their ticket without private notes', async () => {
      const ticket = await service.create(newTicket());
      await service.addComment(ticket.number, 'agent:li', '内部备注：客户上次也报过');
      const view = await service.findForCustomer(ticket.number, '0876');
      expect(view?.number).toBe(ticket.number);
      expect(view?.state).toBe('未处理');
      expect(JSON.stringify(view)).not.toContain('内部备注');
      // Lower-case and spaces as a customer might type them.
      expect((await service.findForCustomer(` ${ticket.number.toLowerCase()} `, '0876'))?.number).toBe(ticket.number);
    });

    it('when a customer gives a wrong last four digits or a malformed number, then nothing is found', async () => {
      const ticket = await service.create(newTicket());
      expect(await service.findForCustomer(ticket.number, '1234')).toBeUndefined();
      expect(await service.findForCustomer(ticket.number, '876')).toBeUndefined();
      expect(await service.findForCustomer('T2026', '0876')).toBeUndefined();
      await expectAppError(service.closeByCustomer(ticket.number, '1111'), 'not_found');
      expect((await service.get(ticket.number)).state).toBe('未处理');
    });

    it('when a ticket has no phone, then no customer can look it up', async () => {
      const ticket = await service.create(newTicket({ report: { model: 'X1' } }));
      expect(await service.findForCustomer(ticket.number, '0000')).toBeUndefined();
    });

    it('when an agent walks a ticket through the legal states, then each change is in the history', async () => {
      const ticket = await service.create(newTicket());
      const path: TicketState[] = ['待补充'];
      await service.moveByAgent(ticket.number, '待补充', 'li', '请提供 BMC 日志', 'customer');
      const view = await service.supplementByCustomer(ticket.number, '0876', '日志已上传到网盘');
      path.push('未处理');
      expect(view.state).toBe('未处理');
      expect(view.history.at(-2)).toMatchObject({ from: '未处理', to: '待补充', note: '请提供 BMC 日志' });
      await service.moveByAgent(ticket.number, '处理中', 'li');
      await service.moveByAgent(ticket.number, '已结单', 'li', '已更换电源模块');
      path.push('处理中', '已结单');
      const final = await service.get(ticket.number);
      expect(final.history.map((h) => h.to)).toEqual(['未处理', ...path]);
      expect(final.history.at(-1)).toMatchObject({ from: '处理中', to: '已结单', by: 'agent:li' });
      expect(final.transcript.at(-1)).toMatchObject({ from: 'customer', text: '日志已上传到网盘' });
    });

    it('when an agent notes a state change or writes a note without choosing the customer, then only agents read it; a customer-visible message reaches the customer', async () => {
      const ticket = await service.create(newTicket());
      await service.moveByAgent(ticket.number, '处理中', 'li', '客户语气急，优先处理');
      await service.addComment(ticket.number, 'agent:li', '内部：疑似主板问题');
      await service.addComment(ticket.number, 'agent:li', '工程师明天上午上门', 'customer');
      const view = await service.findForCustomer(ticket.number, '0876');
      expect(JSON.stringify(view)).not.toMatch(/语气急|疑似主板/);
      expect(view?.history.at(-1)).toEqual({ at: clock.toISOString(), from: '未处理', to: '处理中' });
      expect(view?.messages).toEqual([{ at: clock.toISOString(), text: '工程师明天上午上门' }]);
      const full = await service.get(ticket.number);
      expect(full.history.at(-1)).toMatchObject({ note: '客户语气急，优先处理', noteVisibility: 'internal' });
      expect(full.comments.map((c) => c.visibility)).toEqual(['internal', 'customer']);
    });

    it('when an agent moves a ticket to 待补充 with a note and no choice, then the customer reads what to supply; chosen internal, they do not', async () => {
      const ticket = await service.create(newTicket());
      await service.moveByAgent(ticket.number, '待补充', 'li', '请补充 BMC 日志截图');
      expect((await service.findForCustomer(ticket.number, '0876'))?.history.at(-1)?.note).toBe('请补充 BMC 日志截图');
      await service.supplementByCustomer(ticket.number, '0876', '日志稍后发');
      await service.moveByAgent(ticket.number, '待补充', 'li', '怀疑人为损坏', 'internal');
      expect(JSON.stringify(await service.findForCustomer(ticket.number, '0876'))).not.toMatch(/人为损坏/);
    });

    it('when an agent tries an illegal move, then it is refused with conflict and nothing changes', async () => {
      const ticket = await service.create(newTicket());
      const error = await expectAppError(service.moveByAgent(ticket.number, '已结单', 'li'), 'conflict');
      expect(error.message).toContain('未处理');
      await expectAppError(service.moveByAgent(ticket.number, '未处理', 'li'), 'conflict');
      expect((await service.get(ticket.number)).history).toHaveLength(1);
    });

    it('when the customer closes in each open state, then it is 已结单 and further actions are refused', async () => {
      const setUps: TicketState[][] = [[], ['处理中'], ['待补充']];
      for (const setUp of setUps) {
        const ticket = await service.create(newTicket());
        for (const to of setUp) await service.moveByAgent(ticket.number, to, 'li');
        expect((await service.closeByCustomer(ticket.number, '0876')).state).toBe('已结单');
        await expectAppError(service.closeByCustomer(ticket.number, '0876'), 'conflict');
        await expectAppError(service.supplementByCustomer(ticket.number, '0876', '再补充一点'), 'conflict');
        await expectAppError(service.moveByAgent(ticket.number, '处理中', 'li'), 'conflict');
      }
    });

    it('when a 处理中 ticket is supplemented, then it stays 处理中 and keeps the text', async () => {
      const ticket = await service.create(newTicket());
      await service.moveByAgent(ticket.number, '处理中', 'li');
      expect((await service.supplementByCustomer(ticket.number, '0876', '今天又宕机一次')).state).toBe('处理中');
      expect((await service.get(ticket.number)).transcript.at(-1)?.text).toBe('今天又宕机一次');
    });

    it('when two agents move the same ticket at once, then only one change is applied', async () => {
      const ticket = await service.create(newTicket());
      const results = await Promise.allSettled([
        service.moveByAgent(ticket.number, '处理中', 'a'),
        service.moveByAgent(ticket.number, '待补充', 'b'),
      ]);
      const final = await service.get(ticket.number);
      expect(final.history).toHaveLength(1 + results.filter((r) => r.status === 'fulfilled').length);
      expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    });

    it('when a state change was read before another one landed, then the store refuses the stale change', async () => {
      const ticket = await service.create(newTicket());
      const at = clock.toISOString();
      await store.transition(ticket.number, {
        from: '未处理',
        to: '处理中',
        by: 'agent:a',
        note: null,
        noteVisibility: 'internal',
        at,
      });
      await expectAppError(
        store.transition(ticket.number, {
          from: '未处理',
          to: '待补充',
          by: 'agent:b',
          note: null,
          noteVisibility: 'internal',
          at,
        }),
        'conflict',
      );
      expect((await service.get(ticket.number)).state).toBe('处理中');
    });

    it('when tickets are listed with a state, a search and paging, then only matching ones come back', async () => {
      const special = await service.create(newTicket({ report: { ...report, organization: '东港%物流_公司' } }));
      await service.moveByAgent(special.number, '处理中', 'li');
      const byText = await service.list({ q: '东港%物流' });
      expect(byText.items.map((t) => t.number)).toEqual([special.number]);
      expect((await service.list({ q: '东港_' })).total).toBe(0);
      const processing = await service.list({ state: '处理中', limit: 100 });
      expect(processing.items.every((t) => t.state === '处理中')).toBe(true);
      expect(processing.items.map((t) => t.number)).toContain(special.number);
      const all = await service.list({ limit: 100 });
      const page = await service.list({ limit: 2, offset: 1 });
      expect(page.total).toBe(all.total);
      expect(page.items.map((t) => t.number)).toEqual(all.items.slice(1, 3).map((t) => t.number));
      const upper = await service.create(newTicket({ report: { ...report, serial: 'ZX-UNIQUE-77' } }));
      expect((await service.list({ q: 'zx-unique' })).items.map((t) => t.number)).toEqual([upper.number]);
    });

    it('when the report is corrected, the rating set and transcript appended, then the ticket reflects it', async () => {
      const ticket = await service.create(newTicket({ conversationId: 'conv-upd' }));
      await service.updateReport(ticket.number, { phone: '13900001111' });
      expect(await service.findForCustomer(ticket.number, '0876')).toBeUndefined();
      expect((await service.findForCustomer(ticket.number, '1111'))?.number).toBe(ticket.number);
      await service.rate(ticket.number, 4);
      await service.appendTranscript(
        ticket.number,
        [{ from: 'agent', text: '您好，我是客服小李', at: clock.toISOString() }],
        '转人工',
      );
      const updated = await service.get(ticket.number);
      expect(updated.report).toEqual({ ...report, phone: '13900001111' });
      expect(updated.rating).toBe(4);
      expect(updated.transcript.map((l) => l.from)).toEqual(['customer', 'agent']);
      expect(updated.comments.at(-1)).toMatchObject({ author: 'bot', text: '转人工' });
      expect((await service.findByConversation('conv-upd'))?.number).toBe(ticket.number);
      await expectAppError(service.rate(ticket.number, 6), 'bad_request');
    });

    it('when bad input reaches the service, then it is refused naming the field', async () => {
      const error = await expectAppError(service.create(newTicket({ report: { phone: '<script>' } })), 'bad_request');
      expect(error.details.field).toBe('report.phone');
      await expectAppError(service.get('T20261124-9999'), 'not_found');
      await expectAppError(service.addComment('T20261124-0001', 'li', 'x'.repeat(5000)), 'payload_too_large');
    });
  });
}
