import { MessageFactory, type StatePropertyAccessor } from 'botbuilder';
import type {
  DialogContext,
  DialogTurnResult,
  PromptValidatorContext,
  WaterfallStepContext,
} from './botbuilderDialogs.js';
import { ConversationDialog } from './conversationDialog.js';
import type { ContactProfile, DialogDependencies } from './dependencies.js';

import { decideForForm } from './form/formFacts.js';
import { fileTicket, leaveForm } from './form/formEnds.js';
import { formQuestion } from './form/formQuestion.js';
import { nextQuestion, type FormState } from './form/formState.js';
import { onlySaysItBroke } from './form/leftoverDescription.js';
import { readFields } from './form/readFields.js';
import { asksSomething, leavesForm, readReply, type FormReply } from './form/replyKind.js';
import { startForm, type RepairReportOptions } from './form/startForm.js';
import { summaryText } from './form/summary.js';
import { recordAnswer, submitsOnly, takeChoice, tellsHistory, wantsToSubmit } from './form/takeAnswer.js';
import { answerDigression, answerOfferedTopic } from './form/digression.js';
import { takeFormAttachments, textOrFiles } from './attachmentTurns.js';
import { policyOrFallback, policyTitle } from './replies.js';
import { isSkip, recognizeYesNo } from './zhYesNo.js';
import type { IntentPrediction } from '../src/nlu/types.js';
import { fillTemplate } from '../src/text/template.js';

export const REPAIR_REPORT_DIALOG = 'RepairReportDialog';
/** Passed on by askItemStep when every item is in: readAnswerStep has no answer to read. */
const allItemsIn = Symbol('allItemsIn');

export type { RepairReportOptions } from './form/startForm.js';
export type { RepairReportResult } from './form/formEnds.js';

/**
 * The repair report as a small form engine over knowledge/dialogs/repair-form.json: it asks each
 * item in the policy's 报修信息 order (askItemStep), takes the answer (readAnswerStep) with whatever
 * else the customer volunteered — several items, corrections, coverage facts — and asks again
 * until every item is in; then it shows the summary with a first warranty verdict
 * (confirmReportStep) and files the ticket on 确认 (openTicketStep). Warranty questions are
 * answered on the way; the customer may call the report off at any time.
 */
export class RepairReportDialog extends ConversationDialog<RepairReportOptions, FormState> {
  constructor(
    private readonly deps: DialogDependencies,
    private readonly profile?: StatePropertyAccessor<ContactProfile>,
  ) {
    super(REPAIR_REPORT_DIALOG);
    // A reply that changes the form starts the steps over: the next item, or the summary anew.
    this.steps(
      this.askItemStep.bind(this),
      this.readAnswerStep.bind(this),
      this.confirmReportStep.bind(this),
      this.openTicketStep.bind(this),
    );
  }

  protected override async firstState(dc: DialogContext, options?: RepairReportOptions): Promise<FormState> {
    return startForm(dc.context, options ?? {}, this.deps, this.profile);
  }

  /** Photos and logs may come instead of text: they join the report. */
  protected override async acceptsReply(prompt: PromptValidatorContext<string>): Promise<boolean> {
    return textOrFiles(prompt);
  }

  /** Asks the next item (or how to address the contact, or which product); when every item is in, moves on to the summary. */
  private async askItemStep(step: WaterfallStepContext<FormState>): Promise<DialogTurnResult> {
    const state = step.options;
    const next = nextQuestion(state, this.deps.texts.form);
    if (next.kind === 'confirm') return step.next(allItemsIn);
    const asking = next.kind === 'field' ? next.field.key : next.kind;
    const retry = state.asking === asking ? state.reprompt : undefined;
    Object.assign(state, { asking, reprompt: undefined, askedFact: undefined });
    return this.ask(step, formQuestion(state, next, retry, this.deps.texts));
  }

  /** Takes the answer: a call-off, a request for a human, "无", a question of the customer's own, or values (and facts) to record. */
  private async readAnswerStep(step: WaterfallStepContext<FormState>): Promise<DialogTurnResult> {
    if (step.result === allItemsIn) return step.next();
    const state = step.options;
    const { texts, matcher } = this.deps;
    const text = typeof step.result === 'string' ? step.result : '';
    const prediction = matcher.match(text);
    const aside = await this.takeAside(step, text, prediction);
    if (aside) return aside;
    const chosen = takeChoice(state, text, this.deps);
    if (chosen) {
      if (chosen.length) await step.context.sendActivity(chosen.join('\n'));
      return this.repeat(step);
    }
    const field = texts.form.find((f) => f.key === state.asking);
    const reading = readFields(text, texts.repairForm, { asking: field?.key, current: state.report });
    if (tellsHistory(text, field, reading, this.deps)) {
      // The facts are taken in and echoed; the item asked comes again.
      const history = { values: {}, labelled: [], corrected: [], rest: text };
      const { notes } = recordAnswer(state, text, history, undefined, this.deps);
      if (notes.length) await step.context.sendActivity(notes.join('\n'));
      return this.repeat(step);
    }
    // "地址也写错了" → "没问题了": the correction is dropped and the summary comes again, with nothing stored.
    if (field && state.fixing === field.key && reading.labelled.length === 0 && submitsOnly(text, texts)) {
      state.fixing = undefined;
      return this.repeat(step);
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
      return this.repeat(step);
    }
    const { notes } = recordAnswer(state, text, reading, field, this.deps);
    if (notes.length) await step.context.sendActivity(notes.join('\n'));
    return this.repeat(step);
  }

  private async onReply(
    step: WaterfallStepContext<FormState>,
    state: FormState,
    reply: FormReply,
    text: string,
  ): Promise<DialogTurnResult> {
    if (reply.kind === 'cancel' || reply.kind === 'handoff') return this.leave(step, reply);
    if (reply.kind === 'skip' && state.asking) state.asked.push(state.asking);
    // "确认提交" while an optional item is asked: the optional items left are not asked, and with
    // every required one in, the report is filed as the customer said (otherwise those are asked).
    if (reply.kind === 'skip' && reply.rest) {
      const { form } = this.deps.texts;
      state.asked.push(...form.filter((f) => !f.required && state.report[f.key] === undefined).map((f) => f.key));
      if (nextQuestion(state, form).kind === 'confirm')
        return step.endDialog(await fileTicket(step.context, state, this.deps, this.profile));
    }
    if (reply.kind === 'reask') {
      state.reprompt = reply.reprompt;
      if (reply.say) await step.context.sendActivity(reply.say);
    }
    if (reply.kind === 'question') await answerDigression(step.context, state, text, this.deps);
    return this.repeat(step);
  }

  /** Shows the summary with a first warranty verdict and asks for any fact the decision still needs. */
  private async confirmReportStep(step: WaterfallStepContext<FormState>): Promise<DialogTurnResult> {
    const state = step.options;
    const { texts, knowledge } = this.deps;
    const result = decideForForm(state, this.deps);
    const retry = state.asking === 'confirm' ? state.reprompt : undefined;
    Object.assign(state, { asking: 'confirm', reprompt: undefined, askedFact: result.ask[0]?.field });
    const text =
      retry ??
      summaryText(state, result, texts, knowledge, policyTitle(knowledge, policyOrFallback(state.policy, texts)));
    return this.ask(step, MessageFactory.suggestedActions(texts.wording.repair.summaryActions, text));
  }

  /** 确认 files the ticket; corrections and facts said here are taken in, echoed, and the summary comes again. */
  private async openTicketStep(step: WaterfallStepContext<FormState>): Promise<DialogTurnResult> {
    const state = step.options;
    const { texts, matcher } = this.deps;
    const { wording, vocab } = texts;
    const text = typeof step.result === 'string' ? step.result : '';
    const aside = await this.takeAside(step, text, matcher.match(text));
    if (aside) return aside;
    const reading = readFields(text, texts.repairForm, { current: state.report });
    const { notes, changed } = recordAnswer(state, text, reading, undefined, this.deps);
    const submitting = wantsToSubmit(text, texts);
    if (notes.length) await step.context.sendActivity(notes.join('\n'));
    // "对了是去年4月买的 放在合肥 提交吧": facts said with the go-ahead are echoed, then filed.
    const settled = nextQuestion(state, texts.form).kind === 'confirm' && state.reprompt === undefined;
    if (changed && !(submitting && settled && reading.corrected.length === 0)) return this.repeat(step);
    if (submitting) return step.endDialog(await fileTicket(step.context, state, this.deps, this.profile));
    if (state.askedFact && isSkip(text, vocab)) {
      const asked = decideForForm(state, this.deps).ask.map((m) => m.field);
      state.coverage.skipped.push(...asked);
      await step.context.sendActivity(
        fillTemplate(wording.repair.factSkipped, {
          title: asked.map((f) => wording.coverage.factTitles[f] ?? f).join('、'),
        }),
      );
      return this.repeat(step);
    }
    const answer = recognizeYesNo(text, vocab);
    if (answer.ok && !answer.value) state.reprompt = wording.repair.askWhichToFix;
    else if (asksSomething(text, texts)) {
      await answerDigression(step.context, state, text, this.deps);
      state.reprompt = wording.repair.summaryFooter;
    } else state.reprompt = wording.repair.summaryFooter;
    return this.repeat(step);
  }

  /**
   * What any reply may do before it is read as an answer, to an item or to the summary: files
   * join the report (files alone ask the same again), a topic offered earlier is picked, or the
   * customer calls the report off or asks for a human. Returns the turn when one of these took it.
   */
  private async takeAside(
    step: WaterfallStepContext<FormState>,
    text: string,
    prediction: IntentPrediction,
  ): Promise<DialogTurnResult | undefined> {
    const state = step.options;
    if ((await takeFormAttachments(step.context, state, this.deps.attachments)) && !text.trim())
      return this.repeat(step);
    if (await answerOfferedTopic(step.context, state, text, this.deps)) return this.repeat(step);
    const leave = leavesForm(text, prediction, this.deps.texts);
    return leave ? this.leave(step, leave) : undefined;
  }

  /** Ends the form without a ticket (see leaveForm). */
  private async leave(step: WaterfallStepContext<FormState>, reply: FormReply): Promise<DialogTurnResult> {
    return step.endDialog(await leaveForm(step.context, step.options, reply, this.deps));
  }
}
