import { policyOrFallback } from '../replies.js';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { creationKey } from '../creationKey.js';
import type { ContactProfile, DialogDependencies, PolicyId, RepairReport } from '../dependencies.js';
import { coverageRecord, decideForForm } from './formFacts.js';
import type { FormState } from './formState.js';
import type { FormReply } from './replyKind.js';
import { fillTemplate } from '../../src/text/template.js';

/** How a repair report ended: a ticket filed, called off, or left for a human with what was collected. */
export type RepairReportResult =
  | { outcome: 'created'; ticketNumber: string; policy: PolicyId }
  | { outcome: 'cancelled'; followUp?: string }
  | { outcome: 'handoff'; report: RepairReport; policy?: PolicyId; coverage?: Record<string, unknown> };

/** Files the ticket with the report, the coverage decision and its citations, and remembers the contact details. */
export async function fileTicket(
  context: TurnContext,
  state: FormState,
  deps: DialogDependencies,
  profile: StatePropertyAccessor<ContactProfile> | undefined,
): Promise<RepairReportResult> {
  const { wording } = deps.texts;
  const policy = policyOrFallback(state.policy, deps.texts);
  const decided = decideForForm(state, deps);
  const ticket = await deps.tickets.create({
    policy,
    report: state.report,
    coverage: coverageRecord(state, decided, deps.texts),
    transcript: await deps.transcript(context),
    conversationId: context.activity.conversation.id,
    origin: 'repair_report',
    attachmentIds: state.attachmentIds,
    // A confirm run again (redelivered, or after a crash before the state was saved) finds this ticket.
    idempotencyKey: state.ticketKey ?? creationKey(context, 'repair'),
  });
  await context.sendActivity(
    [fillTemplate(wording.repair.created, { number: ticket.number }), wording.repair.responsePromise].join('\n'),
  );
  if (profile) {
    const contact: ContactProfile = {};
    for (const f of deps.texts.form) if (f.remember && state.report[f.key]) contact[f.key] = state.report[f.key];
    await profile.set(context, contact);
  }
  return { outcome: 'created', ticketNumber: ticket.number, policy };
}

/** Ends the form without a ticket: called off (said plainly: nothing is submitted), or handed to a human with what was collected. */
export async function leaveForm(
  context: TurnContext,
  state: FormState,
  reply: FormReply,
  deps: DialogDependencies,
): Promise<RepairReportResult> {
  const { wording } = deps.texts;
  if (reply.kind === 'handoff') {
    await context.sendActivity(wording.repair.handoffQuit);
    // What is known of the warranty goes to the human too, decided as far as it can be.
    const coverage = state.policy ? coverageRecord(state, decideForForm(state, deps), deps.texts) : undefined;
    return { outcome: 'handoff', report: state.report, policy: state.policy, ...(coverage ? { coverage } : {}) };
  }
  const followUp = reply.kind === 'cancel' ? reply.followUp : undefined;
  // With a new request in the same message, the router answers it next instead of "anything else?".
  await context.sendActivity(followUp ? wording.repair.droppedForNew : wording.cancelled);
  return { outcome: 'cancelled', ...(followUp ? { followUp } : {}) };
}
