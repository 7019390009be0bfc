import type { IntentPrediction } from '../../src/nlu/types.js';
import { type DialogKnowledge } from '../dialogKnowledge.js';
import {
  afterCancelLeadIn,
  compact,
  containsCue,
  isCancel,
  isReportRequest,
  isSkip,
  looksLikeQuestion,
  recognizeYesNo,
} from '../zhYesNo.js';
import { asksForHuman, asksIfBot, clauseAsksForHuman } from '../humanRequest.js';
import { callsOff, withoutFillers } from './corrections.js';
import { leavesEmpty, type FormField } from './formDefinition.js';
import { validateField } from './formState.js';
import type { FieldReading } from './readFields.js';
import { submitsOnly } from './takeAnswer.js';
import { fillTemplate } from '../../src/text/template.js';

// Only a short request leaves the form: "人工重启后还是不行" is a fault description.
const shortRequest = 10;
const shortSmallTalk = 6;
const shortChat = 20;

/** A reply to the form that is not (only) a value for the item asked. */
export type FormReply =
  /** Cancel words, or the report called off in the customer's words; followUp is a request that came with it. */
  | { kind: 'cancel'; followUp?: string }
  | { kind: 'handoff' }
  /** An optional item answered with "无": marked asked, nothing stored; `rest`: every optional item left ("提交吧"). */
  | { kind: 'skip'; rest?: boolean }
  /** Say something (or set a specific re-ask) and ask the same item again. */
  | { kind: 'reask'; say?: string; reprompt?: string }
  /** A question of the customer's own (a warranty question, or off topic): answered, then the form goes on. */
  | { kind: 'question' };

/**
 * A question rather than an answer: question words used as questions ("保修多久？", "你们老板是谁"),
 * not indefinitely ("屏幕上什么都不显示", "没什么反应").
 */
export function asksSomething(text: string, texts: DialogKnowledge): boolean {
  const { notQuestion, negativeLeads, questionEnds } = texts.repairForm.reading;
  const t = withoutFillers(text, texts.repairForm.reading);
  const endsAsQuestion = questionEnds.some((e) => t.replace(/[\s。.!！~～]+$/u, '').endsWith(e));
  // "没有看到什么报错" answers no; "没有保修吗？" still asks.
  if (negativeLeads.some((n) => t.startsWith(n)) && !endsAsQuestion) return false;
  let rest = t;
  for (const phrase of notQuestion) rest = rest.split(phrase).join(' ');
  return looksLikeQuestion(rest, texts.vocab);
}

/**
 * Calls the report off ("算了", "这单不用提了哈", "等下…插回去就好了 这单不用提了") or asks for a
 * human outright. These are checked before anything is read as a value.
 */
export function leavesForm(text: string, prediction: IntentPrediction, texts: DialogKnowledge): FormReply | undefined {
  const { vocab } = texts;
  if (isCancel(text, vocab)) return { kind: 'cancel' };
  // "算了，我先问一下…": the report is dropped for the new request, unless that only calls it off again.
  const instead = afterCancelLeadIn(text, vocab);
  const message = instead ?? text;
  const clauses = withoutFillers(message, texts.repairForm.reading).split(/(?<=[\s,，。.!！;；])/u);
  // The call-off may end the message or be followed by a question ("…不用提了，那顺便问下…").
  for (let i = clauses.length; i > 0; i--) {
    const head = clauses.slice(0, i).join('');
    if (callsOff(head, texts.repairForm.reading)) {
      const followUp = clauses.slice(i).join('').trim();
      return compact(followUp).length >= 4 && asksSomething(followUp, texts)
        ? { kind: 'cancel', followUp }
        : { kind: 'cancel' };
    }
  }
  if (instead) return { kind: 'cancel', followUp: instead };
  // "问题解决了 不用了(，谢谢)": the fault went away and the customer declines.
  const { resolved, courtesies } = texts.repairForm.reading.callOff;
  const meant = clauses.filter((c) => !courtesies.includes(compact(c)));
  const last = compact(meant.at(-1) ?? '');
  if (vocab.declineForm.includes(last) && containsCue(message, resolved)) return { kind: 'cancel' };
  const confident = prediction.confidence >= vocab.routing.routeConfidence;
  if (
    prediction.intent === 'human_agent' &&
    confident &&
    asksForHuman(text, texts) &&
    compact(text).length <= shortRequest
  ) {
    return { kind: 'handoff' };
  }
  // "型号不知道，我要找人工", "能不能找个人工客服帮我登记": a clause of its own asks for a human,
  // whatever the matcher made of the whole; a fault told with a human in it ("找客服换了硬盘还是不行") does not.
  const symptom = (prediction.cues ?? []).includes('symptom');
  return !symptom && clauses.some((c) => clauseAsksForHuman(c, texts)) ? { kind: 'handoff' } : undefined;
}

/**
 * Small talk and questions are told apart from answers unless the message holds a labelled item
 * or a valid value of a distinct shape: "你们多久回复？" is no serial number, "你好" no error message.
 */
function holdsItems(reading: FieldReading, field: FormField | undefined, texts: DialogKnowledge): boolean {
  if (reading.labelled.length > 0 || reading.surname !== undefined) return true;
  return Object.entries(reading.values).some(([key, value]) => {
    const f = texts.form.find((x) => x.key === key);
    const distinct = f !== undefined && (f.key !== field?.key || f.kind === 'code' || f.kind === 'phone');
    return f !== undefined && distinct && value !== undefined && validateField(f, value).ok;
  });
}

/**
 * What a reply to the item `field` is when it is not plainly a value: "无" to an optional item,
 * "不知道" or "不用了" to a required one, "好" to an open question, small talk, a question of the
 * customer's own. Undefined: read it as the answer.
 */
export function readReply(
  text: string,
  field: FormField | undefined,
  reading: FieldReading,
  prediction: IntentPrediction,
  texts: DialogKnowledge,
  keepsDraft: boolean,
): FormReply | undefined {
  const { vocab, wording } = texts;
  const hasValues = holdsItems(reading, field, texts);
  const confident = prediction.confidence >= vocab.routing.routeConfidence;
  const length = compact(text).length;
  // "没问题 提交" to an optional item goes ahead (see below), though it starts like "没有".
  const goAhead = field !== undefined && !field.required && !hasValues && submitsOnly(text, texts);
  if (field && !goAhead && leavesEmpty(field, text, vocab)) return { kind: 'skip' };
  // "不用了" to the model question declines the report, it is not a model number.
  if (field?.required && vocab.declineForm.includes(compact(text))) return { kind: 'cancel' };
  // With a draft description from the coverage check, "不知道" keeps the draft (see withDraft).
  // "序列号不清楚": the item named, and not known.
  const unknown =
    isSkip(text, vocab) ||
    (field !== undefined && reading.labelled.length === 1 && isSkip(reading.values[field.key] ?? '', vocab));
  if (field?.required && unknown && !keepsDraft) {
    return {
      kind: 'reask',
      reprompt: fillTemplate(wording.repair.requiredUnknown, { title: field.title, question: field.question }),
    };
  }
  if (hasValues) return undefined;
  // "就这样吧", "没问题了 提交吧" to an optional item: nothing more to add, to it or to any other.
  if (goAhead) return { kind: 'skip', rest: true };
  // "好"/"行" to an open question agrees to answer it; asking again beats storing "好" as a company name.
  const agreed = recognizeYesNo(text, vocab);
  if (field && agreed.ok && agreed.value && length <= shortSmallTalk) return { kind: 'reask' };
  if (confident && prediction.intent === 'greeting' && length <= shortSmallTalk)
    return { kind: 'reask', say: wording.repair.greetingMidForm };
  if (confident && prediction.intent === 'goodbye' && length <= shortSmallTalk)
    return { kind: 'reask', say: wording.repair.thanksMidForm };
  if (isReportRequest(text, vocab)) return { kind: 'reask', say: wording.repair.resume };
  if (asksIfBot(text, texts)) return { kind: 'question' };
  // A fault description may be put as a question ("开机就蓝屏是怎么回事？"): it still describes.
  const symptom = (prediction.cues ?? []).includes('symptom');
  const describesFault = field?.role === 'faultDescription' && symptom;
  if (asksSomething(text, texts) && !describesFault) return { kind: 'question' };
  // Chit-chat given as a fault description ("哈哈你们回得真快", talk about the staff) is none.
  const chat = confident && ['greeting', 'goodbye', 'out_of_scope', 'human_agent'].includes(prediction.intent);
  const faultWords = vocab.vagueFaultWords.filter((w) => w.length >= 2);
  if (field?.role === 'faultDescription' && chat && !symptom && !containsCue(text, faultWords) && length <= shortChat)
    return { kind: 'question' };
  return undefined;
}
