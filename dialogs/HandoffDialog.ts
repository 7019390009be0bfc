import { TurnContext } from 'botbuilder';
import type {
  DialogContext,
  DialogTurnResult,
  PromptValidatorContext,
  WaterfallStepContext,
} from './botbuilderDialogs.js';
import { ConversationDialog } from './conversationDialog.js';
import { creationKey } from './creationKey.js';
import type { DialogDependencies, HandoffRequest, PolicyId, RepairReport } from './dependencies.js';

import { citationText, policyOrFallback } from './replies.js';
import { phoneField } from './form/formDefinition.js';
import { validateField } from './form/formState.js';
import { readFields } from './form/readFields.js';
import { compact, isGoodbye, isSkip, recognizeYesNo } from './zhYesNo.js';
import { fillTemplate } from '../src/text/template.js';

export const HANDOFF_DIALOG = 'HandoffDialog';
/** A goodbye is short; a longer message holds something else to pass on. */
const shortGoodbye = 12;

export interface HandoffOptions {
  reason: HandoffRequest['reason'];
  /** The ticket already opened in this conversation, to update instead of creating another. */
  ticketNumber?: string;
  report?: RepairReport;
  /** The coverage record of a repair form left for a human, kept with the ticket. */
  coverage?: Record<string, unknown>;
  policy?: PolicyId;
  /** Transcript lines up to this time are already on the ticket. */
  transcriptSentAt?: string;
  /** The new ticket's idempotency key, fixed by the message that asked for a human. */
  ticketKey?: string;
}

export interface HandoffResult {
  ticketNumber: string;
}

/** The handoff as it goes: its options, then the ticket the customer is queued with. */
interface Handoff extends HandoffOptions {
  /** "已为您创建工单 T…" or "已更新工单 T…", the first line of the queue notice. */
  ticketLine?: string;
}

/**
 * The entry to a human: creates or updates the conversation's ticket, tells the customer when
 * someone will respond (quoting the policy's response-time clause) and asks the injected
 * HandoffRequester to queue the conversation. The live relay itself lives in src/handoff.
 */
export class HandoffDialog extends ConversationDialog<HandoffOptions, Handoff> {
  constructor(private readonly deps: DialogDependencies) {
    super(HANDOFF_DIALOG);
    this.steps(this.askPhoneStep.bind(this), this.openTicketStep.bind(this), this.queueStep.bind(this));
  }

  protected override async firstState(_dc: DialogContext, options?: HandoffOptions): Promise<Handoff> {
    // The router always says why; a handoff begun without options is one the customer asked for.
    return { reason: 'customer_asked', ...options };
  }

  /** A phone number, a no or "跳过", or a goodbye answers the phone question; anything else asks again. */
  protected override async acceptsReply(prompt: PromptValidatorContext<string>): Promise<boolean> {
    const text = prompt.recognized.value ?? '';
    const declined = recognizeYesNo(text, this.deps.texts.vocab);
    // After the retries the customer is not held at the door: the handoff goes on without a phone.
    if (prompt.attemptCount >= this.deps.texts.vocab.routing.phoneAttempts) return true;
    return (
      isSkip(text, this.deps.texts.vocab) ||
      (declined.ok && !declined.value) ||
      this.phoneIn(text) !== undefined ||
      this.saysGoodbye(text)
    );
  }

  /**
   * "再见", "不用了 谢谢 拜拜" instead of a phone: the customer leaves; no ticket, no queue.
   * "不用了，谢谢" only declines the phone (as the prompt offers) and the handoff goes on.
   */
  private saysGoodbye(text: string): boolean {
    const { vocab } = this.deps.texts;
    const prediction = this.deps.matcher.match(text);
    const declined = recognizeYesNo(text, vocab);
    const declinesPhone = isSkip(text, vocab) || (declined.ok && !declined.value);
    const thanks =
      prediction.intent === 'goodbye' &&
      prediction.confidence >= vocab.routing.routeConfidence &&
      compact(text).length <= shortGoodbye;
    return (isGoodbye(text, vocab) || (thanks && !declinesPhone)) && this.phoneIn(text) === undefined;
  }

  /** The phone number in "陈女士 0571-88886666" as well as in a bare number. */
  private phoneIn(text: string): string | undefined {
    const field = phoneField(this.deps.texts.form);
    if (!field) return undefined;
    const found = validateField(
      field,
      readFields(text, this.deps.texts.repairForm, { asking: field.key }).values[field.key] ?? text,
    );
    return found.ok ? found.value : undefined;
  }

  /** A callback number for the new ticket, unless the report has one or the conversation has a ticket already. */
  private async askPhoneStep(step: WaterfallStepContext<Handoff>): Promise<DialogTurnResult> {
    const handoff = step.options;
    handoff.ticketKey ??= creationKey(step.context, 'handoff');
    if (handoff.ticketNumber) return step.next();
    const phone = phoneField(this.deps.texts.form);
    const known = phone ? handoff.report?.[phone.key] : undefined;
    if (known) return step.next(known);
    const { askPhone, badPhone } = this.deps.texts.wording.handoff;
    return this.ask(step, askPhone, badPhone);
  }

  /** Brings the conversation's ticket up to date, or opens one with the phone given; a goodbye instead ends here. */
  private async openTicketStep(step: WaterfallStepContext<Handoff>): Promise<DialogTurnResult> {
    const handoff = step.options;
    const { wording } = this.deps.texts;
    if (handoff.ticketNumber) {
      const sentAt = handoff.transcriptSentAt ?? '';
      const lines = (await this.deps.transcript(step.context)).filter((line) => line.at > sentAt);
      await this.deps.tickets.appendTranscript(handoff.ticketNumber, lines, wording.handoff.queued);
      handoff.ticketLine = fillTemplate(wording.handoff.updated, { number: handoff.ticketNumber });
      return step.next();
    }
    if (typeof step.result === 'string' && this.saysGoodbye(step.result)) {
      await step.context.sendActivity(wording.handoff.leftBeforeQueue);
      return step.endDialog();
    }
    const phone = typeof step.result === 'string' ? this.phoneIn(step.result) : undefined;
    const field = phoneField(this.deps.texts.form);
    const report: RepairReport = { ...(handoff.report ?? {}), ...(phone && field ? { [field.key]: phone } : {}) };
    const ticket = await this.deps.tickets.create({
      idempotencyKey: handoff.ticketKey ?? creationKey(step.context, 'handoff'),
      policy: policyOrFallback(handoff.policy, this.deps.texts),
      report,
      ...(handoff.coverage ? { coverage: handoff.coverage } : {}),
      transcript: await this.deps.transcript(step.context),
      conversationId: step.context.activity.conversation.id,
      origin: 'handoff',
    });
    Object.assign(handoff, {
      ticketNumber: ticket.number,
      ticketLine: fillTemplate(wording.handoff.created, { number: ticket.number }),
    });
    return step.next();
  }

  /** Queues the conversation for an agent and tells the customer the ticket, when to expect a reply, and their place. */
  private async queueStep(step: WaterfallStepContext<Handoff>): Promise<DialogTurnResult> {
    const { ticketNumber = '', ticketLine = '', reason, policy } = step.options;
    const outcome = await this.deps.handoff.requestHandoff(
      {
        ticketNumber,
        conversationId: step.context.activity.conversation.id,
        reference: TurnContext.getConversationReference(step.context.activity),
        reason,
      },
      step.context,
    );
    const { wording } = this.deps.texts;
    const promise = this.promiseText(policyOrFallback(policy, this.deps.texts));
    await step.context.sendActivity(
      [ticketLine, promise, outcome.notice ?? wording.handoff.queued].filter(Boolean).join('\n'),
    );
    return step.endDialog({ ticketNumber } satisfies HandoffResult);
  }

  /**
   * The policy's response-time promise with the clause it rests on (front matter responsePromise,
   * responseSection, responseQuote); nothing when the policy promises no response time or the
   * clause is not found: a promise is never made without its quote.
   */
  private promiseText(policy: PolicyId): string {
    const { knowledge, texts } = this.deps;
    const meta = texts.policies.find((p) => p.id === policy);
    if (!meta?.responsePromise || !meta.responseSection || !meta.responseQuote) return '';
    const clause = knowledge.findClause(policy, [meta.responseSection], meta.responseQuote);
    return clause ? [meta.responsePromise, citationText([knowledge.cite(clause)], knowledge, texts)].join('\n') : '';
  }
}
