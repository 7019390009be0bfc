import type { DialogContext, DialogTurnResult, WaterfallStepContext } from './botbuilderDialogs.js';
import { ConversationDialog } from './conversationDialog.js';
import type { DialogDependencies } from './dependencies.js';

import { extractLookupKeys, ticketText, type LookupKeys } from './ticketLookup.js';
import { isCancel } from './zhYesNo.js';
import { fillTemplate } from '../src/text/template.js';

export const TICKET_STATUS_DIALOG = 'TicketStatusDialog';

export interface TicketStatusOptions {
  initialText?: string;
  /** The ticket opened earlier in this conversation, used when the customer names none. */
  knownNumber?: string;
}

export interface TicketStatusResult {
  found: boolean;
  /** True when the customer could not be verified and a human should help. */
  offerHuman: boolean;
}

/** One round of the lookup: the keys so far, and how the earlier rounds went. */
interface Lookup extends LookupKeys {
  failures: number;
  /** The number of a pair that did not match: a lone four digits next is a retry for it. */
  triedNumber?: string;
  /** Replies without the ticket number or digits that were asked. */
  misses?: number;
  /** What to say instead of the plain question, once (a hint after a bad reply, or "not found, again"). */
  reprompt?: string;
}

/**
 * Looks a ticket up by its number plus the last four digits of the phone on it. A wrong pair
 * gets the same answer as a missing ticket, so nothing about other customers' tickets leaks.
 * Wrong pairs are limited per ticket number and per conversation, beyond this dialog (a new
 * lookup does not start the count again): past the limit the customer is asked to wait.
 */
export class TicketStatusDialog extends ConversationDialog<TicketStatusOptions, Lookup> {
  constructor(private readonly deps: DialogDependencies) {
    super(TICKET_STATUS_DIALOG);
    this.steps(this.askTicketNumberStep.bind(this), this.askPhoneDigitsStep.bind(this), this.showStatusStep.bind(this));
  }

  protected override async firstState(_dc: DialogContext, options?: TicketStatusOptions): Promise<Lookup> {
    const keys = options?.initialText ? extractLookupKeys(options.initialText, this.deps.texts) : {};
    // The phone digits are still asked: knowing the number is not proof of owning the ticket.
    const number = keys.number ?? options?.knownNumber;
    return { ...keys, number, failures: 0 };
  }

  /** "您的工单号是？", unless the first message or the conversation already gave it. */
  private async askTicketNumberStep(step: WaterfallStepContext<Lookup>): Promise<DialogTurnResult> {
    const lookup = step.options;
    if (lookup.number) return step.next();
    return this.ask(step, this.takeReprompt(lookup) ?? this.deps.texts.wording.ticketStatus.askNumber);
  }

  /** Takes the ticket number (if it was asked), then asks the phone's last four digits unless already said. */
  private async askPhoneDigitsStep(step: WaterfallStepContext<Lookup>): Promise<DialogTurnResult> {
    const ended = await this.readReply(step, 'number');
    if (ended) return ended;
    const lookup = step.options;
    if (lookup.last4) return step.next();
    return this.ask(step, this.takeReprompt(lookup) ?? this.deps.texts.wording.ticketStatus.askLast4);
  }

  /** Takes the digits (if they were asked) and shows the ticket when number and digits match. */
  private async showStatusStep(step: WaterfallStepContext<Lookup>): Promise<DialogTurnResult> {
    const ended = await this.readReply(step, 'last4');
    if (ended) return ended;
    const lookup = step.options;
    const { texts, tickets, localTime, lookupLimits } = this.deps;
    const number = lookup.number ?? '';
    const conversationId = step.context.activity.conversation.id;
    const verdict = await lookupLimits.admit(conversationId, number);
    if (!verdict.allowed) {
      // The same pause whether the number exists or not.
      await step.context.sendActivity(
        fillTemplate(texts.wording.ticketStatus.coolDown, { minutes: verdict.waitMinutes }),
      );
      return step.endDialog({ found: false, offerHuman: true } satisfies TicketStatusResult);
    }
    const view = await tickets.findForCustomer(number, lookup.last4 ?? '');
    if (view) {
      await step.context.sendActivity(ticketText(view, texts, localTime));
      return step.endDialog({ found: true, offerHuman: false } satisfies TicketStatusResult);
    }
    const { lockedOut } = await lookupLimits.failed(conversationId, number);
    // Agents learn of the guessing on the ticket itself; the customer's answer stays the same.
    if (lockedOut) await tickets.noteIfExists(number, texts.wording.ticketStatus.lockoutNote);
    const failures = lookup.failures + 1;
    if (failures >= texts.vocab.routing.lookupAttempts) {
      await step.context.sendActivity(texts.wording.ticketStatus.giveUp);
      return step.endDialog({ found: false, offerHuman: true } satisfies TicketStatusResult);
    }
    // Either key may be wrong, and saying which would leak whether the ticket exists: both are asked again.
    const { notFound, retry } = texts.wording.ticketStatus;
    return this.repeat(step, {
      failures,
      triedNumber: lookup.number,
      reprompt: `${notFound}\n${retry}`,
    } satisfies Lookup);
  }

  /**
   * Reads the reply to the question asked, if one was (the number, or the digits; a reply may
   * bring both). Returns the turn when the reply ends this round: called off, or without what
   * was asked, which asks again — or, after a few such replies, gives up.
   */
  private async readReply(
    step: WaterfallStepContext<Lookup>,
    asked: keyof LookupKeys,
  ): Promise<DialogTurnResult | undefined> {
    if (typeof step.result !== 'string') return undefined;
    const text = step.result;
    const lookup = step.options;
    const { texts } = this.deps;
    if (isCancel(text, texts.vocab)) {
      await step.context.sendActivity(texts.wording.cancelled);
      return step.endDialog({ found: false, offerHuman: false } satisfies TicketStatusResult);
    }
    const keys = extractLookupKeys(text, texts);
    lookup.number = keys.number ?? lookup.number ?? (keys.last4 ? lookup.triedNumber : undefined);
    lookup.last4 = keys.last4 ?? lookup.last4;
    const missing = asked === 'number' ? !lookup.number : !keys.last4;
    if (!missing) return undefined;
    // "主板", "我要报修": after a few replies without what was asked, the customer is not held in the lookup.
    lookup.misses = (lookup.misses ?? 0) + 1;
    if (lookup.misses >= texts.vocab.routing.lookupAttempts) {
      await step.context.sendActivity(texts.wording.ticketStatus.noNumber);
      return step.endDialog({ found: false, offerHuman: false } satisfies TicketStatusResult);
    }
    const { badNumber, badLast4 } = texts.wording.ticketStatus;
    lookup.reprompt = asked === 'number' ? badNumber : badLast4;
    return this.repeat(step);
  }

  /** The one-off re-ask, used once. */
  private takeReprompt(lookup: Lookup): string | undefined {
    const text = lookup.reprompt;
    lookup.reprompt = undefined;
    return text;
  }
}
