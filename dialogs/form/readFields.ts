import { anyOf, cleanInput } from './cleanInput.js';
import { readName } from './contactName.js';
import { notThisButThat, stripLeadIn, withoutFillers } from './corrections.js';
import { compactDigits, cueStart, gaps, shapedValue, textEnd, valueAfterLabel, type Form } from './fieldValues.js';
import { findLabels, type LabelHit } from './findLabels.js';
import { fieldWithRole, type FormField, type FormReading, type RepairReport } from './formDefinition.js';

/** What one message says about the repair report. */
export interface FieldReading {
  /** Values found, before validation, by field key. */
  values: RepairReport;
  /** Fields named by a label (as opposed to recognised by shape or taken as the answer asked for). */
  labelled: string[];
  /** Fields the customer said were wrong ("型号也搞错了"), with a new value or not. */
  corrected: string[];
  /** The text no field took. */
  rest: string;
  /** "姓王" without a title: the dialog asks 先生 or 女士. */
  surname?: string;
}

export interface ReadContext {
  /** The field just asked: an unlabelled answer is its value. */
  asking?: string;
  /** Values so far, to tell which one "不是X是Y" corrects. */
  current?: RepairReport;
}

/**
 * Reads repair-report items from one message: labelled values ("型号R5300 电话…"), values of a
 * recognisable shape (mobile numbers, R-series models, SN… serials, addresses, 王先生),
 * corrections in everyday forms ("电话号码打反了两位 应该是…", "型号也搞错了哈 其实是…",
 * "不是王先生是黄先生"), and otherwise the whole answer for the item just asked. Fillers around
 * the words that matter ("哎呀", "然后那个", "哈") are left out.
 */
export function readFields(input: string, form: Form, context: ReadContext = {}): FieldReading {
  const text = withoutFillers(cleanInput(input), form.reading);
  const hits = findLabels(text, form.fields, form.reading);
  if (hits.length === 0) {
    const swapped = swappedValue(text, form, context);
    if (swapped) return swapped;
  }
  const reading = readLabelled(text, hits, form);
  const consumed = reading.consumed;
  readCues(text, consumed, reading.values, form);
  const found: FieldReading = {
    values: reading.values,
    labelled: hits.map((h) => h.key).filter((k, i, all) => all.indexOf(k) === i),
    corrected: reading.corrected,
    rest: gaps(text.length, consumed)
      .map(([start, end]) => text.slice(start, end))
      .join(' '),
    ...(reading.surname ? { surname: reading.surname } : {}),
  };
  readUnlabelled(text, found, form, context);
  readLeadingAnswer(text, hits[0]?.start, found, form, context);
  return { ...found, rest: found.rest.replace(/\s+/g, ' ').trim() };
}

/**
 * "成都锦江数智科技有限公司 联系人黄经理 电话…" answering the organisation question: the words
 * before the first label answer the item asked, when that is the organisation or a name (a
 * stretch of free text there may as well be the start of something else).
 */
function readLeadingAnswer(
  text: string,
  firstLabel: number | undefined,
  found: FieldReading,
  form: Form,
  context: ReadContext,
): void {
  const asking = form.fields.find((f) => f.key === context.asking);
  if (!asking || firstLabel === undefined || found.values[asking.key] !== undefined) return;
  if (asking.role !== 'organization' && asking.kind !== 'name') return;
  const lead = withoutFillers(text.slice(0, firstLabel), form.reading).trim();
  if (!lead || !found.rest.includes(lead)) return;
  readAnswer(lead, text, asking, found, form);
  found.rest = found.rest.replace(lead, ' ');
}

/** Each label's value, and the stretches of text the labels and values take. */
function readLabelled(text: string, hits: LabelHit[], form: Form) {
  const values: RepairReport = {};
  const corrected: string[] = [];
  const consumed: Array<[number, number]> = [];
  let surname: string | undefined;
  hits.forEach((hit, i) => {
    const field = form.fields.find((f) => f.key === hit.key);
    if (!field) return;
    const segment = text.slice(hit.end, hits[i + 1]?.start ?? text.length);
    const found = valueAfterLabel(field, segment, text, form);
    // "改一下地址，…", "把电话改成…": a correction may come before the label as well.
    const before = text.slice(Math.max(0, hit.start - 6), hit.start);
    if (found.corrected || correctionBefore(form.reading).test(before)) corrected.push(hit.key);
    consumed.push([hit.start, hit.end + found.used]);
    if (found.value) values[hit.key] = found.value;
    if (found.surname) surname = found.surname;
  });
  return { values, corrected, consumed, surname };
}

/** Unlabelled text with an item's cues ("2颗CPU 128G内存 CentOS 7") is that item, to where it ends. */
function readCues(text: string, consumed: Array<[number, number]>, values: RepairReport, form: Form): void {
  for (const [start, end] of gaps(text.length, consumed)) {
    for (const field of form.fields.filter((f) => f.cues.length > 0 && values[f.key] === undefined)) {
      const piece = text.slice(start, end);
      const at = cueStart(field, piece);
      if (at === undefined) continue;
      const length = textEnd(field, piece.slice(at), form);
      values[field.key] = piece.slice(at, at + length).trim();
      consumed.push([start + at, start + at + length]);
    }
  }
}

/**
 * What no label took: a surname ("我姓陈") whatever was asked, an answer wholly shaped like
 * another item, values recognised by shape, and otherwise the answer to the item asked.
 */
function readUnlabelled(text: string, found: FieldReading, form: Form, context: ReadContext): void {
  const { fields } = form;
  const { values } = found;
  const asking = fields.find((f) => f.key === context.asking);
  const contact = fieldWithRole(fields, 'contactName');
  const surnameLead = new RegExp(`^(?:${anyOf(form.reading.surnameLeadIns)})\\s*\\p{Script=Han}`, 'u');
  if (
    contact &&
    values[contact.key] === undefined &&
    asking?.key !== contact.key &&
    surnameLead.test(found.rest.trim())
  ) {
    const name = readName(found.rest.trim(), text, contact, form.reading);
    if (name && 'name' in name) values[contact.key] = name.name;
    else if (name) found.surname = name.surname;
    found.rest = '';
  }
  // "13800002222" answering the address question is the phone.
  const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`, 'iu').test(found.rest.trim());
  const wholly =
    asking?.kind === 'text'
      ? fields.find((f) => f.key !== asking.key && f.freePattern && values[f.key] === undefined && whole(f.freePattern))
      : undefined;
  if (wholly) {
    values[wholly.key] = found.rest.trim();
    found.rest = '';
  }
  let shaped = false;
  for (const field of fields) {
    if (values[field.key] !== undefined || !field.freePattern) continue;
    // An address inside a fault description stays in it; beside a name or phone it is the address.
    if ((field.kind === 'text' || field.kind === 'name') && asking?.kind === 'text') continue;
    // The item asked for a name is read as the answer ("我姓孟 是位女士"), not by its shape.
    if (field.key === asking?.key && field.kind === 'name') continue;
    const source = field.kind === 'phone' ? compactDigits(found.rest) : found.rest;
    const m = new RegExp(field.freePattern, 'iu').exec(source);
    if (!m) continue;
    values[field.key] = m[0];
    found.rest = source.replace(m[0], ' ');
    shaped = true;
  }
  // What is left once lead-ins and the labels of items just found are gone ("改一下电话" → nothing).
  let left = stripLeadIn(withoutFillers(found.rest.replace(/\s+/g, ' ').trim(), form.reading), form.reading).rest;
  for (const f of fields)
    if (values[f.key] !== undefined)
      for (const label of [...f.labels, ...f.weakLabels]) left = left.split(label).join('');
  const onlyLeadIn = shaped && left.replace(/[\s\p{P}]/gu, '') === '';
  if (asking && found.labelled.length === 0 && values[asking.key] === undefined && !onlyLeadIn && found.rest.trim()) {
    readAnswer(withoutFillers(found.rest.replace(/\s+/g, ' ').trim(), form.reading), text, asking, found, form);
    found.rest = '';
  }
}

/** The rest of the message as the answer to the item asked: free text whole, a code by its shape, a name as a name. */
function readAnswer(answerText: string, text: string, asking: FormField, found: FieldReading, form: Form): void {
  const { values } = found;
  const answer = asking.kind === 'text' ? answerText : stripLeadIn(answerText, form.reading).rest;
  // "杭州某某科技有限公司" given for the contact person is the organisation.
  const organization = fieldWithRole(form.fields, 'organization');
  if (asking.kind === 'name' && organization && form.reading.organizationSuffixes.some((s) => answer.endsWith(s)))
    values[organization.key] = answer;
  else if (asking.kind === 'name') {
    const name = readName(answer, text, asking, form.reading);
    if (name && 'name' in name) values[asking.key] = name.name;
    else if (name) found.surname = name.surname;
  } else if (asking.kind === 'code' || asking.kind === 'phone')
    values[asking.key] = shapedValue(asking, answer)?.value ?? answer;
  else if (answer) values[asking.key] = answer;
}

/** Correction words right before a label ("改一下", "把", "应该是"). */
function correctionBefore(reading: FormReading): RegExp {
  const { replaceBefore, leadIns } = reading.correction;
  return new RegExp(`(?:${anyOf([...replaceBefore, ...leadIns.filter((l) => l.length > 1)])})$`, 'u');
}

/**
 * "不是王先生，是黄先生", "不是R5300是R5500": the item whose value was the first takes the second;
 * failing that, the item the second fits by shape, or the item just asked.
 */
function swappedValue(text: string, form: Form, context: ReadContext): FieldReading | undefined {
  const said = notThisButThat(text, form.reading);
  if (!said) return undefined;
  const wrong = said.wrong;
  const right = withoutFillers(said.right, form.reading);
  const byOld = form.fields.find((f) => sameValue(context.current?.[f.key], wrong));
  const byShape = form.fields.find(
    (f) => f.freePattern && f.kind !== 'text' && new RegExp(`^(?:${f.freePattern})$`, 'iu').test(right),
  );
  const field = byOld ?? byShape ?? form.fields.find((f) => f.key === context.asking);
  if (!field) return undefined;
  return { values: { [field.key]: right }, labelled: [], corrected: [field.key], rest: '' };
}

const sameValue = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.replace(/\s/g, '').toUpperCase() === b.replace(/\s/g, '').toUpperCase();
