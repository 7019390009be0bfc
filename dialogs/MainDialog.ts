import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from './botbuilderDialogs.js';
import { answerAttachments } from './attachmentTurns.js';
import { chooseRoute, type Route } from './chooseRoute.js';
import {
  coverageResultSchema,
  handoffResultSchema,
  repairResultSchema,
  ticketStatusResultSchema,
} from './childResults.js';
import { newMemory, type ConversationMemory } from './conversationMemory.js';
import { COVERAGE_DIALOG, CoverageDialog } from './CoverageDialog.js';
import type { ContactProfile, CoverageFacts, DialogDependencies } from './dependencies.js';

import { HANDOFF_DIALOG, HandoffDialog, type HandoffOptions } from './HandoffDialog.js';
import { REPAIR_REPORT_DIALOG, RepairReportDialog, type RepairReportOptions } from './RepairReportDialog.js';
import { replyInline } from './inlineReply.js';
import { TICKET_STATUS_DIALOG, TicketStatusDialog } from './TicketStatusDialog.js';
import { noteTurnOutcome, routeOutcome } from './turnOutcome.js';
import { interruption } from './interruption.js';
import { recognizeYesNo } from './zhYesNo.js';
import { fillTemplate } from '../src/text/template.js';

export const MAIN_DIALOG = 'MainDialog';
const FLOW = 'mainFlow';

interface MainOptions {
  /** Set when one dialog leads straight into another (coverage -> repair report -> handoff). */
  next?: { dialogId: string; options: object };
  running?: string;
  /** The message to route instead of the activity's text (what followed a cancel word). */
  text?: string;
}

/**
 * The router: maps each message to a dialog or answers policy questions inline with citations,
 * asks when unsure, offers a human after repeated misunderstandings, and lets cancel words and
 * overlong messages interrupt any dialog.
 */
export class MainDialog extends ComponentDialog {
  constructor(
    private readonly deps: DialogDependencies,
    private readonly memory: StatePropertyAccessor<ConversationMemory>,
    profile?: StatePropertyAccessor<ContactProfile>,
  ) {
    super(MAIN_DIALOG);
    this.addDialog(new RepairReportDialog(deps, profile));
    this.addDialog(new CoverageDialog(deps));
    this.addDialog(new TicketStatusDialog(deps));
    this.addDialog(new HandoffDialog(deps));
    this.addDialog(new WaterfallDialog<MainOptions>(FLOW, [this.routeStep.bind(this), this.afterTaskStep.bind(this)]));
    this.initialDialogId = FLOW;
  }

  /** Cancel words, a new request after one, "转人工" and overlong pastes come before the dialog under way. */
  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    const interrupted = await interruption(inner.context, inner.activeDialog?.id, this.deps);
    if (!interrupted) return super.onContinueDialog(inner);
    if (interrupted.kind === 'wait') return Dialog.EndOfTurn;
    if (interrupted.kind === 'cancel') return inner.cancelAllDialogs();
    await inner.cancelAllDialogs();
    if (interrupted.kind === 'newRequest')
      return inner.beginDialog(FLOW, { text: interrupted.text } satisfies MainOptions);
    const options = await this.handoffOptions(inner.context);
    return inner.beginDialog(FLOW, { next: { dialogId: HANDOFF_DIALOG, options } } satisfies MainOptions);
  }

  /**
   * Once the conversation's ticket is closed (已结单) the conversation starts afresh: a new
   * request opens a new ticket instead of being appended to the finished one.
   */
  private async freshAfterClosedTicket(context: TurnContext): Promise<ConversationMemory> {
    const memory = await this.memory.get(context, newMemory());
    if (!memory.ticketNumber || (await this.deps.tickets.isOpen(memory.ticketNumber))) return memory;
    const fresh: ConversationMemory = { ...newMemory(), welcomed: memory.welcomed };
    await this.memory.set(context, fresh);
    return fresh;
  }

  private async handoffOptions(context: TurnContext, extra: Partial<HandoffOptions> = {}): Promise<HandoffOptions> {
    const memory = await this.freshAfterClosedTicket(context);
    return {
      reason: memory.offeredHuman ? 'bot_offer' : 'customer_asked',
      ticketNumber: memory.ticketNumber,
      policy: memory.policy,
      transcriptSentAt: memory.transcriptSentAt,
      ...extra,
    };
  }

  /** Takes the message to the dialog for it (or the one a finished dialog leads into), or answers it inline. */
  private async routeStep(step: WaterfallStepContext<MainOptions>): Promise<DialogTurnResult> {
    const { next } = step.options;
    if (next) {
      step.options.running = next.dialogId;
      return step.beginDialog(next.dialogId, next.options);
    }
    const { context } = step;
    const { wording, vocab } = this.deps.texts;
    const text = (step.options.text ?? context.activity.text ?? '').trim();
    // The message's own files (not again for the text after a cancel word); a report takes them itself.
    const ownFiles = step.options.text === undefined;
    if (!text)
      return ownFiles && (await answerAttachments(context, this.deps.attachments))
        ? step.endDialog()
        : this.reply(step, { kind: 'reply', text: wording.textOnly });
    // One reply and nothing else: an unread paste is neither a misunderstanding nor a new topic,
    // so what the conversation remembers (offers, pending questions, misses) stays as it was.
    if (text.length > vocab.routing.maxTextLength) {
      await context.sendActivity(fillTemplate(wording.tooLong, { max: vocab.routing.maxTextLength }));
      return step.endDialog();
    }
    const memory = await this.freshAfterClosedTicket(context);
    const justFiled = memory.justFiled;
    memory.justFiled = undefined;
    const yes = recognizeYesNo(text, vocab);
    if (justFiled && yes.ok && yes.value)
      return this.reply(step, {
        kind: 'reply',
        text: fillTemplate(wording.repair.alreadyCreated, { number: justFiled }),
      });
    const route = chooseRoute(text, memory, this.deps);
    if (ownFiles && route.kind !== 'repair') await answerAttachments(context, this.deps.attachments);
    noteTurnOutcome(context, routeOutcome(route));
    memory.pendingQuestion = undefined;
    memory.offeredTopics = undefined;
    memory.unclearText = route.kind === 'misunderstood' && route.clarify ? text : undefined;
    // Off-topic messages count as failures too: the customer is not being helped.
    const failed = route.kind === 'misunderstood' || route.kind === 'outOfScope';
    memory.offeredHuman = failed ? memory.offeredHuman : route.kind === 'reply' && route.offersHuman === true;
    memory.misunderstandings = failed ? memory.misunderstandings + 1 : 0;
    const dialogFor: Partial<Record<Route['kind'], string>> = {
      repair: REPAIR_REPORT_DIALOG,
      coverage: COVERAGE_DIALOG,
      ticket: TICKET_STATUS_DIALOG,
      handoff: HANDOFF_DIALOG,
    };
    const dialogId = dialogFor[route.kind];
    if (!dialogId) return this.reply(step, route);
    step.options.running = dialogId;
    if (route.kind === 'handoff')
      return step.beginDialog(dialogId, await this.handoffOptions(context, { reason: route.reason }));
    const initialText = 'text' in route ? route.text : '';
    if (route.kind === 'ticket') return step.beginDialog(dialogId, { initialText, knownNumber: memory.ticketNumber });
    // The product named earlier in the conversation ("融科服务器保修几年？") is not asked again.
    const facts: CoverageFacts = memory.policy ? { policy: memory.policy } : {};
    return step.beginDialog(dialogId, route.kind === 'coverage' ? { initialText, facts } : { initialText });
  }

  /** A route no dialog takes: the router answers it itself, and the turn ends. */
  private async reply(step: WaterfallStepContext<MainOptions>, route: Route): Promise<DialogTurnResult> {
    await replyInline(step.context, route, await this.memory.get(step.context, newMemory()), this.deps);
    return step.endDialog();
  }

  /**
   * Remembers what the dialog achieved (the ticket, the product) and leads on where the
   * conversation does: coverage into a report, a report into a handoff, a new request to the router.
   */
  private async afterTaskStep(step: WaterfallStepContext<MainOptions>): Promise<DialogTurnResult> {
    const memory = await this.memory.get(step.context, newMemory());
    const running = step.options.running;
    const ticketBefore = memory.ticketNumber;
    const repair = running === REPAIR_REPORT_DIALOG ? repairResultSchema.safeParse(step.result) : undefined;
    if (repair?.success && repair.data.outcome === 'created') {
      Object.assign(memory, {
        ticketNumber: repair.data.ticketNumber,
        policy: repair.data.policy,
        justFiled: repair.data.ticketNumber,
      });
    }
    // "这单不用提了，顺便问下…": the report is called off and the question is routed afresh.
    if (repair?.success && repair.data.outcome === 'cancelled' && repair.data.followUp) {
      return step.replaceDialog(FLOW, { text: repair.data.followUp } satisfies MainOptions);
    }
    if (repair?.success && repair.data.outcome === 'handoff') {
      const { report, policy, coverage } = repair.data;
      const options = await this.handoffOptions(step.context, {
        reason: 'customer_asked',
        report,
        policy: policy ?? memory.policy,
        coverage,
      });
      return step.replaceDialog(FLOW, { next: { dialogId: HANDOFF_DIALOG, options } } satisfies MainOptions);
    }
    const coverage = running === COVERAGE_DIALOG ? coverageResultSchema.safeParse(step.result) : undefined;
    if (coverage?.success) {
      memory.policy = coverage.data.policy ?? memory.policy;
      if (coverage.data.followUp)
        return step.replaceDialog(FLOW, { text: coverage.data.followUp } satisfies MainOptions);
      if (coverage.data.startRepair) {
        const { prefill, policy, coverage: record } = coverage.data;
        const options: RepairReportOptions = { prefill, policy, coverage: record };
        return step.replaceDialog(FLOW, { next: { dialogId: REPAIR_REPORT_DIALOG, options } } satisfies MainOptions);
      }
    }
    const lookup = running === TICKET_STATUS_DIALOG ? ticketStatusResultSchema.safeParse(step.result) : undefined;
    if (lookup?.success && lookup.data.offerHuman) memory.offeredHuman = true;
    const handoff = running === HANDOFF_DIALOG ? handoffResultSchema.safeParse(step.result) : undefined;
    if (handoff?.success) memory.ticketNumber = handoff.data.ticketNumber;
    if (memory.ticketNumber && (memory.ticketNumber !== ticketBefore || handoff?.success)) {
      memory.transcriptSentAt = (await this.deps.transcript(step.context)).at(-1)?.at;
    }
    return step.endDialog();
  }
}
