import type { TurnContext } from 'botbuilder';
import { answerAttachments } from './attachmentTurns.js';
import { COVERAGE_DIALOG } from './CoverageDialog.js';
import type { DialogDependencies } from './dependencies.js';
import { asksForHuman } from './humanRequest.js';
import { REPAIR_REPORT_DIALOG } from './RepairReportDialog.js';
import { TICKET_STATUS_DIALOG } from './TicketStatusDialog.js';
import { afterCancelLeadIn, compact, isCancel } from './zhYesNo.js';
import { fillTemplate } from '../src/text/template.js';

/** What an interrupting message does to the dialog under way (its reply, if any, is already sent). */
export type Interruption =
  /** The dialog keeps waiting for its answer: an overlong paste, or files only. */
  | { kind: 'wait' }
  /** The dialog is dropped for the request after a cancel word ("算了，…"). */
  | { kind: 'newRequest'; text: string }
  | { kind: 'cancel' }
  /** The dialog gives way to a human. */
  | { kind: 'handoff' };

/**
 * Checks a message against the dialog under way before that dialog reads it, as core-bot's
 * CancelAndHelpDialog does; here in the router, since an interruption may start another dialog.
 * Undefined when the dialog should read the message itself.
 */
export async function interruption(
  context: TurnContext,
  activeDialog: string | undefined,
  deps: DialogDependencies,
): Promise<Interruption | undefined> {
  const text = context.activity.text ?? '';
  const { wording, vocab } = deps.texts;
  if (text.length > vocab.routing.maxTextLength) {
    await context.sendActivity(fillTemplate(wording.tooLong, { max: vocab.routing.maxTextLength }));
    return { kind: 'wait' };
  }
  const instead = afterCancelLeadIn(text, vocab);
  // The repair form reads "算了，…" itself: what follows may only call the report off again.
  if (instead && !isCancel(text, vocab) && activeDialog !== REPAIR_REPORT_DIALOG)
    return { kind: 'newRequest', text: instead };
  if (isCancel(text, vocab)) {
    // Only the repair form has filled-in content to throw away.
    const filling = activeDialog === REPAIR_REPORT_DIALOG;
    await context.sendActivity(filling ? wording.cancelled : wording.cancelledPlain);
    return { kind: 'cancel' };
  }
  // Coverage checks and ticket lookups give way to a request for a human (the repair form
  // handles that itself, keeping what was collected).
  const interruptible = [COVERAGE_DIALOG, TICKET_STATUS_DIALOG].includes(activeDialog ?? '');
  if (interruptible && plainlyAsksForHuman(text, deps)) return { kind: 'handoff' };
  // Files outside the repair form (which takes its own); a message of files only leaves the dialog waiting.
  if (activeDialog !== REPAIR_REPORT_DIALOG && (await answerAttachments(context, deps.attachments)) && !text.trim())
    return { kind: 'wait' };
  return undefined;
}

/** "转人工": a short message that asks for a human and nothing else. */
function plainlyAsksForHuman(text: string, deps: DialogDependencies): boolean {
  const prediction = deps.matcher.match(text);
  const { routing } = deps.texts.vocab;
  const asks = asksForHuman(text, deps.texts);
  return (
    prediction.intent === 'human_agent' &&
    asks &&
    prediction.confidence >= routing.routeConfidence &&
    compact(text).length <= 10
  );
}
