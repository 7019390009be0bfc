import type { IntentPrediction } from '../src/nlu/types.js';
import { fill, type DialogKnowledge } from './dialogKnowledge.js';
import type { FormState } from './repairForm.js';
import { extractSlots } from './repairSlots.js';
import { compact, containsCue, isCancel, isReportRequest, isSkip, recognizeYesNo } from './zhYesNo.js';

// Only a short request leaves the form: "人工重启后还是不行" is a fault description.
const shortRequest = 10;
const shortSmallTalk = 6;

/** A reply to the repair form that is not a value for the item asked. */
export type FormInterruption =
  | { kind: 'cancel' }
  | { kind: 'handoff' }
  /** An optional item answered with "无": marked asked, nothing stored. */
  | { kind: 'skip' }
  /** Say something (or set a specific re-ask) and ask the same item again. */
  | { kind: 'reask'; say?: string; reprompt?: string };

/**
 * Recognises cancel words, requests for a human, "无" to optional items, "不知道"/"不用了" to
 * required ones and small talk ("你好", "谢谢", "我要报修") before the text is read as a value.
 */
export function formInterruption(text: string, state: FormState, prediction: IntentPrediction, texts: DialogKnowledge): FormInterruption | undefined {
  const { vocab, wording, form } = texts;
  if (isCancel(text, vocab)) return { kind: 'cancel' };
  const confident = prediction.confidence >= vocab.routing.routeConfidence;
  const length = compact(text).length;
  if (prediction.intent === 'human_agent' && confident && containsCue(text, vocab.humanCues) && length <= shortRequest) {
    return { kind: 'handoff' };
  }
  const spec = state.stage === 'filling' ? form.find((f) => f.key === state.expected) : undefined;
  if (spec && !spec.required && isSkip(text, vocab)) return { kind: 'skip' };
  // "不用了" to the model question declines the report, it is not a model number.
  if (spec?.required && vocab.declineForm.includes(compact(text))) return { kind: 'cancel' };
  // With a draft description from the coverage check, "不知道" keeps the draft (see withDraft).
  const hasDraft = spec?.key === 'description' && state.draft !== undefined;
  if (spec?.required && isSkip(text, vocab) && !hasDraft) {
    return { kind: 'reask', reprompt: fill(wording.repair.requiredUnknown, { title: spec.title, question: spec.question }) };
  }
  if (state.stage !== 'filling' || Object.keys(extractSlots(text, form, vocab).values).length) return undefined;
  // "好"/"行" to an open question agrees to answer it; asking again beats storing "好" as a company name.
  const agreed = recognizeYesNo(text, vocab);
  if (spec && agreed.ok && agreed.value && length <= shortSmallTalk) return { kind: 'reask' };
  const greets = confident && prediction.intent === 'greeting' && length <= shortSmallTalk;
  const thanks = confident && prediction.intent === 'goodbye' && length <= shortSmallTalk;
  if (greets) return { kind: 'reask', say: wording.repair.greetingMidForm };
  if (thanks) return { kind: 'reask', say: wording.repair.thanksMidForm };
  if (isReportRequest(text, vocab)) return { kind: 'reask', say: wording.repair.resume };
  return undefined;
}
