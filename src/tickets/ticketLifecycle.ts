import { AppError } from '../errors.js';
import type { TicketState } from './ticketSchemas.js';

/**
 * The standard-service policy's 工单系统 rules (§第四条 2):
 * - 未处理 / 处理中: the customer may supplement (补充) or close (关闭);
 * - 待补充: the customer may close; supplementing it re-submits it, back to 未处理;
 * - 已结单: implementation finished or closed by the customer; nothing more happens.
 * Agents move tickets as the state descriptions imply: they evaluate a 未处理 ticket into
 * 处理中 or 待补充, ask for more during 处理中 (待补充) and finish it (已结单).
 */
export const agentMoves: Readonly<Record<TicketState, readonly TicketState[]>> = {
  未处理: ['处理中', '待补充'],
  处理中: ['待补充', '已结单'],
  待补充: ['未处理'],
  已结单: [],
};

export type CustomerAction = 'supplement' | 'close';

/** Where each customer action leads from each state; absent = not allowed. */
export const customerActions: Readonly<Record<TicketState, Partial<Record<CustomerAction, TicketState>>>> = {
  未处理: { supplement: '未处理', close: '已结单' },
  处理中: { supplement: '处理中', close: '已结单' },
  待补充: { supplement: '未处理', close: '已结单' },
  已结单: {},
};

const actionNames: Record<CustomerAction, string> = { supplement: '补充', close: '关闭' };

/** Whether an agent may move a ticket from `from` to `to`. */
export function canAgentMove(from: TicketState, to: TicketState): boolean {
  return agentMoves[from].includes(to);
}

/** Throws AppError('conflict') unless an agent may move the ticket from `from` to `to`. */
export function assertAgentMove(from: TicketState, to: TicketState): void {
  if (canAgentMove(from, to)) return;
  const allowed = agentMoves[from];
  const hint = allowed.length > 0 ? `可变更为：${allowed.join('、')}` : '该状态下客服不能变更工单';
  throw new AppError(
    'conflict',
    `工单状态不能从“${from}”变更为“${to}”，${hint}。(Illegal ticket transition ${from} -> ${to}.)`,
    { from, to, allowed: [...allowed] },
  );
}

/** The state a customer action leads to; throws AppError('conflict') when the policy forbids it. */
export function customerActionTarget(from: TicketState, action: CustomerAction): TicketState {
  const target = customerActions[from][action];
  if (target) return target;
  throw new AppError(
    'conflict',
    `“${from}”状态的工单不能${actionNames[action]}。(A ticket in state ${from} cannot be ${action === 'close' ? 'closed' : 'supplemented'} by the customer.)`,
    { from, action },
  );
}
