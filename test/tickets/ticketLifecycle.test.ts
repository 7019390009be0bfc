import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { assertAgentMove, canAgentMove, customerActionTarget } from '../../src/tickets/ticketLifecycle.js';
import { ticketStateSchema, type TicketState } from '../../src/tickets/ticketSchemas.js';

const states = ticketStateSchema.options;

// Written from the policy text (标准服务 §第四条 2. 工单系统), not from the implementation's table.
const customerRules: Array<[TicketState, 'supplement' | 'close', TicketState | 'refused']> = [
  ['未处理', 'supplement', '未处理'],
  ['未处理', 'close', '已结单'],
  ['处理中', 'supplement', '处理中'],
  ['处理中', 'close', '已结单'],
  ['待补充', 'supplement', '未处理'],
  ['待补充', 'close', '已结单'],
  ['已结单', 'supplement', 'refused'],
  ['已结单', 'close', 'refused'],
];

const agentLegal = new Set(['未处理>处理中', '未处理>待补充', '处理中>待补充', '处理中>已结单', '待补充>未处理']);

describe('ticket lifecycle', () => {
  it.each(customerRules)(
    'when the customer tries to %s… in %s (%s), then the policy outcome holds',
    (from, action, expected) => {
      if (expected === 'refused') {
        expect(() => customerActionTarget(from, action)).toThrowError(AppError);
      } else {
        expect(customerActionTarget(from, action)).toBe(expected);
      }
    },
  );

  const pairs = states.flatMap((from) => states.map((to) => [from, to] as const));
  it.each(pairs)('when an agent moves %s → %s, then it is allowed only if the policy implies it', (from, to) => {
    const legal = agentLegal.has(`${from}>${to}`);
    expect(canAgentMove(from, to)).toBe(legal);
    if (legal) {
      expect(() => assertAgentMove(from, to)).not.toThrow();
    } else {
      let error: unknown;
      try {
        assertAgentMove(from, to);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect(error instanceof AppError && error.code).toBe('conflict');
      // Bilingual message naming both states.
      expect(error instanceof AppError && error.message).toMatch(new RegExp(`${from}.*${to}`));
      expect(error instanceof AppError && error.message).toMatch(/Illegal ticket transition/);
    }
  });
});
