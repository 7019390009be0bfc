import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from './botbuilderDialogs.js';
import type { DialogDependencies } from './dependencies.js';

import { extractLookupKeys, ticketText, type LookupKeys } from './ticketLookup.js';
import { isCancel } from './zhYesNo.js';
import { fillTemplate } from '../src/text/template.js';

export const TICKET_STATUS_DIALOG = 'TicketStatusDialog';
const LOOP = 'ticketStatusLoop';
const TEXT = 'ticketStatusText';

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

interface LookupState extends LookupKeys {
  failures: number;
  /** The number of a pair that did not match: a lone four digits next is a retry for it. */
  triedNumber?: string;
  /** Replies without the ticket number or digits that were asked. */
  misses?: number;
  reprompt?: string;
}

/**
 * Looks a ticket up by its number plus the last four digits of the phone on it. A wrong pair
 * gets the same answer as a missing ticket, so nothing about other customers' tickets leaks.
 * Wrong pairs are limited per ticket number and per conversation, beyond this dialog (a new
 * lookup does not start the count again): past the limit the customer is asked to wait.
 */
export class TicketStatusDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDependencies) {
    super(TICKET_STATUS_DIALOG);
    this.addDialog(new TextPrompt(TEXT));
    this.addDialog(new WaterfallDialog<LookupState>(LOOP, [this.ask.bind(this), this.handle.bind(this)]));
    this.initialDialogId = LOOP;
  }

  protected override async onBeginDialog(dc: DialogContext, options?: TicketStatusOptions): Promise<DialogTurnResult> {
    const keys = options?.initialText ? extractLookupKeys(options.initialText, this.deps.texts) : {};
    // The phone digits are still asked: knowing the number is not proof of owning the ticket.
    const number = keys.number ?? options?.knownNumber;
    return dc.beginDialog(LOOP, { ...keys, number, failures: 0 } satisfies LookupState);
  }

  private async ask(step: WaterfallStepContext<LookupState>): Promise<DialogTurnResult> {
    const state = step.options;
    const w = this.deps.texts.wording.ticketStatus;
    if (state.number && state.last4) return this.lookup(step, state);
    const text = state.reprompt ?? (state.number ? w.askLast4 : w.askNumber);
    state.reprompt = undefined;
    return step.prompt(TEXT, { prompt: text });
  }

  private async handle(step: WaterfallStepContext<LookupState>): Promise<DialogTurnResult> {
    const state = step.options;
    const { texts } = this.deps;
    const text = typeof step.result === 'string' ? step.result : '';
    if (isCancel(text, texts.vocab)) {
      await step.context.sendActivity(texts.wording.cancelled);
      return step.endDialog({ found: false, offerHuman: false } satisfies TicketStatusResult);
    }
    const keys = extractLookupKeys(text, texts);
    const askedForNumber = !state.number;
    state.number = keys.number ?? state.number ?? (keys.last4 ? state.triedNumber : undefined);
    state.last4 = keys.last4 ?? state.last4;
    const missing = askedForNumber ? !state.number : !keys.last4;
    if (missing) {
      // "主板", "我要报修": after a few replies without what was asked, the customer is not held in the lookup.
      state.misses = (state.misses ?? 0) + 1;
      if (state.misses >= texts.vocab.routing.lookupAttempts) {
        await step.context.sendActivity(texts.wording.ticketStatus.noNumber);
        return step.endDialog({ found: false, offerHuman: false } satisfies TicketStatusResult);
      }
      state.reprompt = askedForNumber ? texts.wording.ticketStatus.badNumber : texts.wording.ticketStatus.badLast4;
    }
    return step.replaceDialog(LOOP, state);
  }

  private async lookup(step: WaterfallStepContext<LookupState>, state: LookupState): Promise<DialogTurnResult> {
    const { texts, tickets, localTime, lookupLimits } = this.deps;
    const number = state.number ?? '';
    const conversationId = step.context.activity.conversation.id;
    const verdict = await lookupLimits.admit(conversationId, number);
    if (!verdict.allowed) {
      // The same pause whether the number exists or not.
      await step.context.sendActivity(
        fillTemplate(texts.wording.ticketStatus.coolDown, { minutes: verdict.waitMinutes }),
      );
      return step.endDialog({ found: false, offerHuman: true } satisfies TicketStatusResult);
    }
    const view = await tickets.findForCustomer(number, state.last4 ?? '');
    if (view) {
      await step.context.sendActivity(ticketText(view, texts, localTime));
      return step.endDialog({ found: true, offerHuman: false } satisfies TicketStatusResult);
    }
    const { lockedOut } = await lookupLimits.failed(conversationId, number);
    // Agents learn of the guessing on the ticket itself; the customer's answer stays the same.
    if (lockedOut) await tickets.noteIfExists(number, texts.wording.ticketStatus.lockoutNote);
    state.failures += 1;
    if (state.failures >= texts.vocab.routing.lookupAttempts) {
      await step.context.sendActivity(texts.wording.ticketStatus.giveUp);
      return step.endDialog({ found: false, offerHuman: true } satisfies TicketStatusResult);
    }
    // Either key may be wrong, and saying which would leak whether the ticket exists.
    const { notFound, retry } = texts.wording.ticketStatus;
    const again: LookupState = {
      failures: state.failures,
      triedNumber: state.number,
      reprompt: `${notFound}\n${retry}`,
    };
    return step.replaceDialog(LOOP, again);
  }
}
