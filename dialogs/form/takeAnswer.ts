import type { DialogDependencies } from '../dependencies.js';
import { type DialogKnowledge } from '../dialogKnowledge.js';
import { recognizePolicy } from '../replies.js';
import { compact, compactCue, containsCue, recognizeYesNo } from '../zhYesNo.js';
import { titleFor } from './contactName.js';
import { takeFacts, takenText, type TakenFact } from './formFacts.js';
import { fieldWithRole, type FormField, type RepairReport } from './formDefinition.js';
import { applyValues, withDraft, type FormState } from './formState.js';
import { leftoverDescription } from './leftoverDescription.js';
import { withPartCorrected } from './partialCorrection.js';
import { readFields, type FieldReading } from './readFields.js';
import { fillTemplate } from '../../src/text/template.js';

/**
 * The first message of a report ("我要报修，R5300 硬盘指示灯一直闪红灯"): its items, and unlabelled
 * fault text as the description when it names a symptom — beside a labelled description it adds
 * to it ("…88号 一开机就报警" after the address). `prefilled` items (from a coverage check) come first.
 */
export function readFirstMessage(text: string, prefilled: RepairReport, deps: DialogDependencies): FieldReading {
  const { texts } = deps;
  const reading = readFields(text, texts.repairForm);
  const description = fieldWithRole(texts.form, 'faultDescription');
  const leftover = leftoverDescription(reading.rest, texts.form, texts.vocab);
  if (description && leftover && deps.matcher.match(leftover).cues?.includes('symptom')) {
    const labelled = reading.values[description.key];
    reading.values[description.key] = labelled ? `${labelled}，${leftover}` : leftover;
    reading.rest = '';
  }
  reading.values = { ...prefilled, ...reading.values };
  return reading;
}

export interface TakenAnswer {
  /** What to say back: the values and facts recorded, and why a value was refused. */
  notes: string[];
  /** True when anything in the form changed (or a correction awaits its value). */
  changed: boolean;
}

/**
 * Records what one message said: the items read (validated; a bad one is refused with its hint,
 * and re-asked when it was the item asked), a correction still waiting for its value ("地址也写错
 * 了"), how to address the contact, and the coverage facts in the customer's words — from the
 * text no item took and from the items that carry facts (the description; the address's place).
 */
export function recordAnswer(
  state: FormState,
  text: string,
  reading: FieldReading,
  asked: FormField | undefined,
  deps: DialogDependencies,
): TakenAnswer {
  const { texts } = deps;
  if (text) state.policy ??= recognizePolicy(text, texts);
  const values = withDraft(state, partsCorrected(state, reading, texts), text, texts);
  const { recorded, rejected } = applyValues(state, values, texts);
  // The item asked counts as asked once answered; an answer that was another item's asks it again.
  if (asked && values[asked.key] !== undefined) {
    if (!state.asked.includes(asked.key)) state.asked.push(asked.key);
    // The value a correction waited for has come.
    if (state.fixing === asked.key && values[asked.key] !== undefined && rejected[asked.key] === undefined)
      state.fixing = undefined;
    state.reprompt = rejected[asked.key];
    delete rejected[asked.key];
  }
  if (reading.surname) state.surname = reading.surname;
  const waiting = reading.corrected.find((key) => values[key] === undefined);
  if (waiting) state.fixing = waiting;
  const taken: TakenFact[] = [...takeFacts(state, reading.rest, deps)];
  for (const field of texts.form) {
    const value = values[field.key];
    if (value === undefined) continue;
    const refused = rejected[field.key] !== undefined || (field.key === asked?.key && state.reprompt !== undefined);
    // A refused answer ("机器在常州那边 去年双十一买的" for the address) may still carry facts: then it
    // was about them, and the item is simply asked again rather than called wrong.
    if (refused) {
      const facts = takeFacts(state, value, deps);
      taken.push(...facts);
      if (facts.length > 0) {
        delete rejected[field.key];
        if (field.key === asked?.key) state.reprompt = undefined;
      }
    } else if (state.report[field.key] !== undefined && field.facts.length > 0)
      taken.push(...takeFacts(state, value, deps, field.facts === 'all' ? undefined : field.facts));
  }
  const said = [...recorded, ...takenText(taken, texts)];
  const notes = [
    ...(said.length ? [fillTemplate(texts.wording.repair.recorded, { fields: said.join('、') })] : []),
    ...Object.values(rejected).filter((r): r is string => r !== undefined),
  ];
  const changed =
    said.length > 0 ||
    Object.keys(rejected).length > 0 ||
    waiting !== undefined ||
    reading.surname !== undefined ||
    state.reprompt !== undefined;
  return { notes, changed };
}

/** New values that only name a part of the old one ("是2号"), with the rest of the old value kept. */
function partsCorrected(state: FormState, reading: FieldReading, texts: DialogKnowledge): RepairReport {
  const values = { ...reading.values };
  for (const field of texts.form) {
    const value = values[field.key];
    if (value !== undefined)
      values[field.key] = withPartCorrected(field, state.report[field.key], value, texts.repairForm.reading);
  }
  return values;
}

/**
 * The answer to a choice the form offered: which product (融科联创服务器 or another), or 先生/女士
 * after "姓王". Returns what to say back, or undefined when the form was not asking a choice or
 * the reply is something else to read as usual.
 */
export function takeChoice(state: FormState, text: string, deps: DialogDependencies): string[] | undefined {
  const { texts } = deps;
  if (state.asking === 'policy') {
    state.policy = recognizePolicy(text, texts);
    if (!state.policy) state.reprompt = texts.wording.repair.policyHint;
    return [];
  }
  const contact = fieldWithRole(texts.form, 'contactName');
  if (state.asking !== 'surname' || !state.surname || !contact) return undefined;
  const titled = titleFor(state.surname, text, texts.repairForm.reading);
  // Neither a title nor anything else said ("都行"): the surname alone will do, rather than asking forever.
  const name =
    titled ?? (Object.keys(readFields(text, texts.repairForm).values).length === 0 ? state.surname : undefined);
  if (!name) return undefined;
  state.surname = undefined;
  return recordAnswer(
    state,
    text,
    { values: { [contact.key]: name }, labelled: [], corrected: [], rest: '' },
    undefined,
    deps,
  ).notes;
}

/** A go-ahead is a few words ("确认无误 请帮我提交"); a longer message says something more. */
const shortSubmit = 12;

const historyFacts: readonly string[] = ['purchaseDate', 'factoryDate', 'deliveryDate', 'invoice'];

/**
 * True when a reply tells the machine's history (when it was bought or made, the invoice):
 * "机器是2025年3月8号开票买的 在厦门" answering the error question is no error message, so its
 * facts are taken and the question comes again. The fault description may carry such facts.
 */
export function tellsHistory(
  text: string,
  field: FormField | undefined,
  reading: FieldReading,
  deps: DialogDependencies,
): boolean {
  if (field?.kind !== 'text' || field.role === 'faultDescription' || reading.labelled.length > 0) return false;
  const { extraction } = deps.coverage.assess(text, deps.today(), {}, { loneDate: null });
  return extraction.evidence.some((e) => historyFacts.includes(e.field));
}

/**
 * "确认", "嗯 可以了 就这么提交", "没问题了 确认提交": the customer agrees to file the summary.
 * A reply that also says something is wrong ("不对", "改一下") does not.
 */
export function wantsToSubmit(text: string, texts: DialogKnowledge): boolean {
  const answer = recognizeYesNo(text, texts.vocab);
  if (answer.ok) return answer.value;
  return goesAhead(text, texts);
}

/** A short go-ahead and nothing else ("没问题了", "就这样吧", "确认无误 请帮我提交"): never an item's value. */
export function submitsOnly(text: string, texts: DialogKnowledge): boolean {
  return compact(text).length <= shortSubmit && goesAhead(text, texts);
}

/**
 * A go-ahead word and no objection. A go-ahead that holds an objection's word ("没错" holds 错,
 * "无误" 误) is not read as the objection.
 */
function goesAhead(text: string, texts: DialogKnowledge): boolean {
  const { submitCues, notSubmitCues } = texts.repairForm.reading;
  if (!containsCue(text, submitCues)) return false;
  let rest = compact(text);
  for (const cue of submitCues.map(compactCue)) {
    if (notSubmitCues.some((objection) => cue.includes(compactCue(objection)))) rest = rest.split(cue).join(' ');
  }
  return !containsCue(rest, notSubmitCues);
}
