import { MessageFactory, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type DialogContext,
  type DialogTurnResult,
  type WaterfallStepContext,
} from './botbuilderDialogs.js';
import type { ContactProfile, DialogDependencies, PolicyId, RepairReport } from './dependencies.js';

import { fieldWithRole } from './form/formDefinition.js';
import { coverageRecord, decideForForm, factsFromCheck } from './form/formFacts.js';
import { applyValues, newFormState, nextQuestion, type FormState, type NextQuestion } from './form/formState.js';
import { onlySaysItBroke } from './form/leftoverDescription.js';
import { readFields } from './form/readFields.js';
import { asksSomething, leavesForm, readReply, type FormReply } from './form/replyKind.js';
import { summaryText } from './form/summary.js';
import {
  readFirstMessage,
  recordAnswer,
  submitsOnly,
  takeChoice,
  tellsHistory,
  wantsToSubmit,
} from './form/takeAnswer.js';
import { answerDigression, answerOfferedTopic } from './form/digression.js';
import { takeFormAttachments, textOrFiles } from './attachmentTurns.js';
import { creationKey } from './creationKey.js';
import { citationText, policyTitle } from './replies.js';
import { isSkip, recognizeYesNo } from './zhYesNo.js';
import { fillTemplate } from '../src/text/template.js';

export const REPAIR_REPORT_DIALOG = 'RepairReportDialog';
const REPORT = 'repairReport';
const REPLY = 'repairReply';
/** Passed on by askItemStep when every item is in: readAnswerStep has no answer to read. */
const allItemsIn = Symbol('allItemsIn');

export interface RepairReportOptions {
  /** The message that started the report; its values are taken straight away. */
  initialText?: string;
  prefill?: RepairReport;
  policy?: PolicyId;
  /** The record of a coverage check that led here ({facts, decision}). */
  coverage?: Record<string, unknown>;
}

export type RepairReportResult =
  | { outcome: 'created'; ticketNumber: string; policy: PolicyId }
  | { outcome: 'cancelled'; followUp?: string }
  | { outcome: 'handoff'; report: RepairReport; policy?: PolicyId; coverage?: Record<string, unknown> };

/**
 * The repair report as a small form engine over knowledge/dialogs/repair-form.json: it asks each
 * item in the policy's 报修信息 order (askItemStep), takes the answer (readAnswerStep) with whatever
 * else the customer volunteered — several items, corrections, coverage facts — and asks again
 * until every item is in; then it shows the summary with a first warranty verdict
 * (confirmReportStep) and files the ticket on 确认 (openTicketStep). Warranty questions are
 * answered on the way; the customer may call the report off at any time.
 */
export class RepairReportDialog extends ComponentDialog {
  constructor(
    private readonly deps: DialogDependencies,
    private readonly profile?: StatePropertyAccessor<ContactProfile>,
  ) {
    super(REPAIR_REPORT_DIALOG);
    this.addDialog(new TextPrompt(REPLY, textOrFiles));
    // A reply that changes the form starts the waterfall again: the next item, or the summary anew.
    this.addDialog(
      new WaterfallDialog<FormState>(REPORT, [
        this.askItemStep.bind(this),
        this.readAnswerStep.bind(this),
        this.confirmReportStep.bind(this),
        this.openTicketStep.bind(this),
      ]),
    );
    this.initialDialogId = REPORT;
  }

  protected override async onBeginDialog(dc: DialogContext, options?: RepairReportOptions): Promise<DialogTurnResult> {
    const state = await this.startForm(dc.context, options ?? {});
    return dc.beginDialog(REPORT, state);
  }

  /** Greets with the items the policy asks for (quoted), and takes what the first message and the customer's last report already say. */
  private async startForm(context: TurnContext, options: RepairReportOptions): Promise<FormState> {
    const { texts, knowledge } = this.deps;
    const checked = factsFromCheck(options.coverage);
    const state = newFormState(options.policy, checked.facts);
    state.ticketKey = creationKey(context, 'repair');
    state.coverage.evidence = checked.evidence;
    if (options.coverage) state.check = options.coverage;
    // Contact details from the customer's last report come first, so anything said now overrides them.
    const remembered: RepairReport = {};
    const profile = this.profile ? await this.profile.get(context, {}) : {};
    for (const f of texts.form) if (f.remember && profile[f.key]) remembered[f.key] = profile[f.key];
    applyValues(state, remembered, texts);
    // A description from a coverage check is only a draft: the customer is still asked for details.
    const { [fieldWithRole(texts.form, 'faultDescription')?.key ?? '']: draft, ...prefilled } = options.prefill ?? {};
    state.draft = draft;
    const text = options.initialText ?? '';
    const reading = readFirstMessage(text, prefilled, this.deps);
    const lines = [texts.wording.repair.start];
    const { policy, section, containing } = texts.vocab.reportItemsClause;
    const clause = knowledge.findClause(policy, section, containing);
    if (clause) lines.push(citationText([knowledge.cite(clause)], knowledge, texts));
    lines.push(...recordAnswer(state, text, reading, undefined, this.deps).notes);
    const reused = texts.form.filter(
      (f) => remembered[f.key] !== undefined && state.report[f.key] === remembered[f.key],
    );
    if (reused.length) {
      const fields = reused.map((f) => `${f.title} ${state.report[f.key] ?? ''}`).join('、');
      lines.push(fillTemplate(texts.wording.repair.profileUsed, { fields }));
    }
    await context.sendActivity(lines.join('\n'));
    await takeFormAttachments(context, state, this.deps.attachments);
    return state;
  }

  /** Asks the next item (or how to address the contact, or which product); when every item is in, moves on to the summary. */
  private async askItemStep(step: WaterfallStepContext<FormState>): Promise<DialogTurnResult> {
    const state = step.options;
    const next = nextQuestion(state, this.deps.texts.form);
    if (next.kind === 'confirm') return step.next(allItemsIn);
    const asking = next.kind === 'field' ? next.field.key : next.kind;
    const retry = state.asking === asking ? state.reprompt : undefined;
    Object.assign(state, { asking, reprompt: undefined, askedFact: undefined });
    return step.prompt(REPLY, { prompt: this.question(state, next, retry) });
  }

  private question(state: FormState, next: Exclude<NextQuestion, { kind: 'confirm' }>, retry: string | undefined) {
    const { wording, vocab } = this.deps.texts;
    if (next.kind === 'policy')
      return MessageFactory.suggestedActions(Object.values(vocab.policyChoices), retry ?? wording.repair.askPolicy);
    if (next.kind === 'surname') {
      const { male, female } = this.deps.texts.repairForm.reading.nameTitles;
      const choices = [`${next.surname}${male[0] ?? ''}`, `${next.surname}${female[0] ?? ''}`];
      return MessageFactory.suggestedActions(
        choices,
        retry ?? fillTemplate(wording.repair.askSurnameTitle, { surname: next.surname }),
      );
    }
    const { field } = next;
    if (next.fixing) return MessageFactory.text(retry ?? fillTemplate(wording.repair.askWhat, { title: field.title }));
    const describeMore = field.role === 'faultDescription' && state.draft;
    return MessageFactory.text(
      retry ??
        (describeMore ? fillTemplate(wording.repair.describeMore, { draft: state.draft ?? '' }) : field.question),
    );
  }

  /** Takes the answer: a call-off, a request for a human, "无", a question of the customer's own, or values (and facts) to record. */
  private async readAnswerStep(step: WaterfallStepContext<FormState>): Promise<DialogTurnResult> {
    if (step.result === allItemsIn) return step.next();
    const state = step.options;
    const { texts, matcher } = this.deps;
    const text = typeof step.result === 'string' ? step.result : '';
    // Photos and logs join the report; a message of files only asks the same item again.
    if ((await takeFormAttachments(step.context, state, this.deps.attachments)) && !text.trim())
      return step.replaceDialog(REPORT, state);
    if (await answerOfferedTopic(step.context, state, text, this.deps)) return step.replaceDialog(REPORT, state);
    const prediction = matcher.match(text);
    const leave = leavesForm(text, prediction, texts);
    if (leave) return this.leave(step, state, leave);
    const chosen = takeChoice(state, text, this.deps);
    if (chosen) {
      if (chosen.length) await step.context.sendActivity(chosen.join('\n'));
      return step.replaceDialog(REPORT, state);
    }
    const field = texts.form.find((f) => f.key === state.asking);
    const reading = readFields(text, texts.repairForm, { asking: field?.key, current: state.report });
    if (tellsHistory(text, field, reading, this.deps)) {
      // The facts are taken in and echoed; the item asked comes again.
      const history = { values: {}, labelled: [], corrected: [], rest: text };
      const { notes } = recordAnswer(state, text, history, undefined, this.deps);
      if (notes.length) await step.context.sendActivity(notes.join('\n'));
      return step.replaceDialog(REPORT, state);
    }
    // "地址也写错了" → "没问题了": the correction is dropped and the summary comes again, with nothing stored.
    if (field && state.fixing === field.key && reading.labelled.length === 0 && submitsOnly(text, texts)) {
      state.fixing = undefined;
      return step.replaceDialog(REPORT, state);
    }
    const keepsDraft = field?.role === 'faultDescription' && state.draft !== undefined;
    const reply = readReply(text, field, reading, prediction, texts, keepsDraft);
    if (reply) return this.onReply(step, state, reply, text);
    // "机器坏了" for the description: kept as a draft, and what actually happens is asked.
    const said = field?.role === 'faultDescription' && !keepsDraft ? reading.values[field.key] : undefined;
    if (field && said && reading.labelled.length === 0 && onlySaysItBroke(said, texts.vocab)) {
      Object.assign(state, {
        draft: said,
        reprompt: fillTemplate(texts.wording.repair.vagueDescription, { answer: said }),
      });
      return step.replaceDialog(REPORT, state);
    }
    const { notes } = recordAnswer(state, text, reading, field, this.deps);
    if (notes.length) await step.context.sendActivity(notes.join('\n'));
    return step.replaceDialog(REPORT, state);
  }

  private async onReply(
    step: WaterfallStepContext<FormState>,
    state: FormState,
    reply: FormReply,
    text: string,
  ): Promise<DialogTurnResult> {
    if (reply.kind === 'cancel' || reply.kind === 'handoff') return this.leave(step, state, reply);
    if (reply.kind === 'skip' && state.asking) state.asked.push(state.asking);
    if (reply.kind === 'reask') {
      state.reprompt = reply.reprompt;
      if (reply.say) await step.context.sendActivity(reply.say);
    }
    if (reply.kind === 'question') await answerDigression(step.context, state, text, this.deps);
    return step.replaceDialog(REPORT, state);
  }

  /** Shows the summary with a first warranty verdict and asks for any fact the decision still needs. */
  private async confirmReportStep(step: WaterfallStepContext<FormState>): Promise<DialogTurnResult> {
    const state = step.options;
    const { texts, knowledge } = this.deps;
    const result = decideForForm(state, this.deps);
    const retry = state.asking === 'confirm' ? state.reprompt : undefined;
    Object.assign(state, { asking: 'confirm', reprompt: undefined, askedFact: result.ask[0]?.field });
    const text =
      retry ?? summaryText(state, result, texts, knowledge, policyTitle(knowledge, state.policy ?? 'standard-service'));
    return step.prompt(REPLY, { prompt: MessageFactory.suggestedActions(texts.wording.repair.summaryActions, text) });
  }

  /** 确认 files the ticket; corrections and facts said here are taken in, echoed, and the summary comes again. */
  private async openTicketStep(step: WaterfallStepContext<FormState>): Promise<DialogTurnResult> {
    const state = step.options;
    const { texts, matcher } = this.deps;
    const { wording, vocab } = texts;
    const text = typeof step.result === 'string' ? step.result : '';
    if ((await takeFormAttachments(step.context, state, this.deps.attachments)) && !text.trim())
      return step.replaceDialog(REPORT, state);
    if (await answerOfferedTopic(step.context, state, text, this.deps)) return step.replaceDialog(REPORT, state);
    const prediction = matcher.match(text);
    const leave = leavesForm(text, prediction, texts);
    if (leave) return this.leave(step, state, leave);
    const reading = readFields(text, texts.repairForm, { current: state.report });
    const { notes, changed } = recordAnswer(state, text, reading, undefined, this.deps);
    const submitting = wantsToSubmit(text, texts);
    if (notes.length) await step.context.sendActivity(notes.join('\n'));
    // "对了是去年4月买的 放在合肥 提交吧": facts said with the go-ahead are echoed, then filed.
    const settled = nextQuestion(state, texts.form).kind === 'confirm' && state.reprompt === undefined;
    if (changed && !(submitting && settled && reading.corrected.length === 0)) return step.replaceDialog(REPORT, state);
    if (submitting) return this.fileTicket(step, state);
    if (state.askedFact && isSkip(text, vocab)) {
      const asked = decideForForm(state, this.deps).ask.map((m) => m.field);
      state.coverage.skipped.push(...asked);
      await step.context.sendActivity(
        fillTemplate(wording.repair.factSkipped, {
          title: asked.map((f) => wording.coverage.factTitles[f] ?? f).join('、'),
        }),
      );
      return step.replaceDialog(REPORT, state);
    }
    const answer = recognizeYesNo(text, vocab);
    if (answer.ok && !answer.value) state.reprompt = wording.repair.askWhichToFix;
    else if (asksSomething(text, texts)) {
      await answerDigression(step.context, state, text, this.deps);
      state.reprompt = wording.repair.summaryFooter;
    } else state.reprompt = wording.repair.summaryFooter;
    return step.replaceDialog(REPORT, state);
  }

  /** Files the ticket with the report, the coverage decision and its citations, and remembers the contact details. */
  private async fileTicket(step: WaterfallStepContext<FormState>, state: FormState): Promise<DialogTurnResult> {
    const { wording } = this.deps.texts;
    const policy = state.policy ?? 'standard-service';
    const decided = decideForForm(state, this.deps);
    const ticket = await this.deps.tickets.create({
      policy,
      report: state.report,
      coverage: coverageRecord(state, decided, this.deps.texts),
      transcript: await this.deps.transcript(step.context),
      conversationId: step.context.activity.conversation.id,
      origin: 'repair_report',
      attachmentIds: state.attachmentIds,
      // A confirm run again (redelivered, or after a crash before the state was saved) finds this ticket.
      idempotencyKey: state.ticketKey ?? creationKey(step.context, 'repair'),
    });
    await step.context.sendActivity(
      [fillTemplate(wording.repair.created, { number: ticket.number }), wording.repair.responsePromise].join('\n'),
    );
    if (this.profile) {
      const contact: ContactProfile = {};
      for (const f of this.deps.texts.form) if (f.remember && state.report[f.key]) contact[f.key] = state.report[f.key];
      await this.profile.set(step.context, contact);
    }
    return step.endDialog({ outcome: 'created', ticketNumber: ticket.number, policy } satisfies RepairReportResult);
  }

  /** Ends the form without a ticket: called off (said plainly: nothing is submitted), or handed to a human with what was collected. */
  private async leave(
    step: WaterfallStepContext<FormState>,
    state: FormState,
    reply: FormReply,
  ): Promise<DialogTurnResult> {
    const { wording } = this.deps.texts;
    if (reply.kind === 'handoff') {
      await step.context.sendActivity(wording.repair.handoffQuit);
      // What is known of the warranty goes to the human too, decided as far as it can be.
      const coverage = state.policy
        ? coverageRecord(state, decideForForm(state, this.deps), this.deps.texts)
        : undefined;
      return step.endDialog({
        outcome: 'handoff',
        report: state.report,
        policy: state.policy,
        ...(coverage ? { coverage } : {}),
      } satisfies RepairReportResult);
    }
    const followUp = reply.kind === 'cancel' ? reply.followUp : undefined;
    // With a new request in the same message, the router answers it next instead of "anything else?".
    await step.context.sendActivity(followUp ? wording.repair.droppedForNew : wording.cancelled);
    return step.endDialog({ outcome: 'cancelled', ...(followUp ? { followUp } : {}) } satisfies RepairReportResult);
  }
}
