import { anyOf, cleanInput } from './cleanInput.js';
import { readName } from './contactName.js';
import { notThisButThat, stripLeadIn, withoutFillers } from './corrections.js';
import { findLabels } from './findLabels.js';
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

interface Form {
  fields: readonly FormField[];
  reading: FormReading;
}

const chunkBreak = /[\s,，;；、]/u;
const trailingSeparators = /[\s,，;；、.。:：]+$/u;

function compactDigits(s: string): string {
  return s.replace(/(\d)[\s-]+(?=\d)/g, (m, d: string) => (m.includes('-') ? m : d));
}

/** The value of a code or phone field inside a segment: the first piece of the right shape. */
function shapedValue(field: FormField, segment: string): { value: string; end: number } | undefined {
  if (field.kind === 'phone' && field.freePattern) {
    const compacted = compactDigits(segment);
    const m = new RegExp(field.freePattern, 'u').exec(compacted);
    if (m) return { value: m[0], end: segment.length - (compacted.length - (m.index + m[0].length)) };
    return undefined;
  }
  if (field.kind === 'code') {
    const valid = new RegExp(field.pattern ?? '^[A-Za-z0-9-]{2,30}$');
    for (const m of segment.matchAll(/[A-Za-z0-9][A-Za-z0-9\-_/.]*/g)) {
      if (valid.test(m[0])) return { value: m[0], end: m.index + m[0].length };
    }
  }
  return undefined;
}

/**
 * Where a free-text value ends inside its segment: before a chunk that is another item's value
 * (a bare phone number, "王先生", SN…), before configuration cues in any other item ("错误信息
 * xxx 2颗CPU 256G内存"), and for an address before the first chunk that no longer continues it
 * (…88号 一开机就报警).
 */
function textEnd(field: FormField, segment: string, form: Form): number {
  let at = 0;
  let addressDone = false;
  const others = form.fields.filter((f) => f.key !== field.key && f.freePattern && f.kind !== 'text');
  const cueFields = form.fields.filter((f) => f.key !== field.key && f.cues.length > 0);
  for (const chunk of segment.split(chunkBreak)) {
    const start = segment.indexOf(chunk, at);
    at = start + chunk.length;
    if (!chunk || start === 0) continue;
    const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`, 'u').test(chunk);
    if (others.some((f) => f.freePattern && whole(f.freePattern))) return start;
    if (cueFields.some((f) => f.cues.some((c) => new RegExp(`^(?:${c})`, 'iu').test(chunk)))) return start;
    if (field.continues) {
      // An address is complete once it has a number (88号, 3栋); a chunk with none of its words ends it.
      addressDone ||= /\d+\s*(?:号|栋|幢|楼|室|层|座|单元|弄)/u.test(segment.slice(0, start));
      if (addressDone && !new RegExp(field.continues, 'u').test(chunk)) return start;
    }
  }
  return segment.length;
}

/** A labelled item's value in the segment after its label, and how much of the segment it takes. */
function valueAfterLabel(field: FormField, segment: string, whole: string, form: Form) {
  const lead = stripLeadIn(segment, form.reading);
  // The lead-in only takes words off the front, so the value is where the trimmed segment ends minus its length.
  const offset = Math.max(0, segment.trimEnd().length - lead.rest.length);
  const rest = lead.rest;
  if (field.kind === 'phone' || field.kind === 'code') {
    const shaped = shapedValue(field, rest);
    const value = shaped?.value ?? rest.split(chunkBreak)[0] ?? '';
    return { value, used: offset + (shaped?.end ?? value.length), corrected: lead.corrected };
  }
  if (field.kind === 'name') {
    const end = textEnd(field, rest, form);
    const name = readName(rest.slice(0, end), whole, field, form.reading);
    const value = name && 'name' in name ? name.name : '';
    const surname = name && 'surname' in name ? name.surname : undefined;
    const firstChunk = rest.split(chunkBreak)[0] ?? '';
    return { value, surname, used: offset + firstChunk.length, corrected: lead.corrected };
  }
  const end = textEnd(field, rest, form);
  // "故障：风扇异响；配置：默认；": the separator before the next label is not part of the value.
  return { value: rest.slice(0, end).replace(trailingSeparators, ''), used: offset + end, corrected: lead.corrected };
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
  const { fields } = form;
  const hits = findLabels(text, fields, form.reading);
  if (hits.length === 0) {
    const swapped = swappedValue(text, form, context);
    if (swapped) return swapped;
  }
  const values: RepairReport = {};
  const corrected: string[] = [];
  let surname: string | undefined;
  const consumed: Array<[number, number]> = [];
  hits.forEach((hit, i) => {
    const field = fields.find((f) => f.key === hit.key);
    if (!field) return;
    const segment = text.slice(hit.end, hits[i + 1]?.start ?? text.length);
    const found = valueAfterLabel(field, segment, text, form);
    // "改一下地址，…", "把电话改成…": a correction may come before the label as well.
    const before = text.slice(Math.max(0, hit.start - 6), hit.start);
    if (correctionBefore(form.reading).test(before)) found.corrected = true;
    consumed.push([hit.start, hit.end + found.used]);
    if (found.value) values[hit.key] = found.value;
    if (found.surname) surname = found.surname;
    if (found.corrected) corrected.push(hit.key);
  });
  const labelled = hits.map((h) => h.key).filter((k, i, all) => all.indexOf(k) === i);
  // Unlabelled text with an item's cues ("2颗CPU 128G内存 CentOS 7") is that item, to where it ends.
  for (const [start, end] of gaps(text.length, consumed)) {
    for (const field of fields.filter((f) => f.cues.length > 0 && values[f.key] === undefined)) {
      const piece = text.slice(start, end);
      const at = cueStart(field, piece);
      if (at === undefined) continue;
      const length = textEnd(field, piece.slice(at), form);
      values[field.key] = piece.slice(at, at + length).trim();
      consumed.push([start + at, start + at + length]);
    }
  }
  let rest = gaps(text.length, consumed)
    .map(([start, end]) => text.slice(start, end))
    .join(' ');

  const asking = fields.find((f) => f.key === context.asking);
  // "我姓陈", "免贵姓李" name the contact whatever was asked.
  const contact = fieldWithRole(fields, 'contactName');
  const surnameLead = new RegExp(`^(?:${anyOf(form.reading.surnameLeadIns)})\\s*\\p{Script=Han}`, 'u');
  if (contact && values[contact.key] === undefined && asking?.key !== contact.key && surnameLead.test(rest.trim())) {
    const name = readName(rest.trim(), text, contact, form.reading);
    if (name && 'name' in name) values[contact.key] = name.name;
    else if (name) surname = name.surname;
    rest = '';
  }
  // An answer that is wholly another item's shape ("13800002222" to the address question) is that item.
  const wholly = asking?.kind === 'text' ? fields.find((f) => f.key !== asking.key && f.freePattern && values[f.key] === undefined && new RegExp(`^(?:${f.freePattern})$`, 'iu').test(rest.trim())) : undefined;
  if (wholly) {
    values[wholly.key] = rest.trim();
    rest = '';
  }
  let shaped = false;
  for (const field of fields) {
    if (values[field.key] !== undefined || !field.freePattern) continue;
    // An address inside a fault description stays in it; beside a name or phone it is the address.
    if ((field.kind === 'text' || field.kind === 'name') && asking?.kind === 'text') continue;
    // The item asked for a name is read as the answer ("我姓孟 是位女士"), not by its shape.
    if (field.key === asking?.key && field.kind === 'name') continue;
    const source = field.kind === 'phone' ? compactDigits(rest) : rest;
    const m = new RegExp(field.freePattern, 'iu').exec(source);
    if (!m) continue;
    values[field.key] = m[0];
    rest = source.replace(m[0], ' ');
    shaped = true;
  }
  // What is left once lead-ins and the labels of items just found are gone ("改一下电话" → nothing).
  let left = stripLeadIn(withoutFillers(rest.replace(/\s+/g, ' ').trim(), form.reading), form.reading).rest;
  for (const f of fields) if (values[f.key] !== undefined) for (const label of [...f.labels, ...f.weakLabels]) left = left.split(label).join('');
  const onlyLeadIn = shaped && left.replace(/[\s\p{P}]/gu, '') === '';
  if (asking && labelled.length === 0 && values[asking.key] === undefined && !onlyLeadIn && rest.trim()) {
    const whole = withoutFillers(rest.replace(/\s+/g, ' ').trim(), form.reading);
    const answer = asking.kind === 'text' ? whole : stripLeadIn(whole, form.reading).rest;
    const organization = fieldWithRole(fields, 'organization');
    if (asking.kind === 'name' && organization && form.reading.organizationSuffixes.some((s) => answer.endsWith(s))) values[organization.key] = answer;
    else if (asking.kind === 'name') {
      const name = readName(answer, text, asking, form.reading);
      if (name && 'name' in name) values[asking.key] = name.name;
      else if (name) surname = name.surname;
    } else if (asking.kind === 'code' || asking.kind === 'phone') values[asking.key] = shapedValue(asking, answer)?.value ?? answer;
    else if (answer) values[asking.key] = answer;
    rest = '';
  }
  return { values, labelled, corrected, rest: rest.replace(/\s+/g, ' ').trim(), ...(surname ? { surname } : {}) };
}

/** Correction words right before a label ("改一下", "把", "应该是"). */
function correctionBefore(reading: FormReading): RegExp {
  const { replaceBefore, leadIns } = reading.correction;
  return new RegExp(`(?:${anyOf([...replaceBefore, ...leadIns.filter((l) => l.length > 1)])})$`, 'u');
}

/** The stretches of text no range covers. */
function gaps(length: number, ranges: Array<[number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start > at) out.push([at, start]);
    at = Math.max(at, end);
  }
  if (at < length) out.push([at, length]);
  return out;
}

/** Where, in a piece of text, the first chunk starting with one of the field's cues begins. */
function cueStart(field: FormField, piece: string): number | undefined {
  let at = 0;
  for (const chunk of piece.split(chunkBreak)) {
    const start = piece.indexOf(chunk, at);
    at = start + chunk.length;
    if (chunk && field.cues.some((c) => new RegExp(`^(?:${c})`, 'iu').test(chunk))) return start;
  }
  return undefined;
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
  const byShape = form.fields.find((f) => f.freePattern && f.kind !== 'text' && new RegExp(`^(?:${f.freePattern})$`, 'iu').test(right));
  const field = byOld ?? byShape ?? form.fields.find((f) => f.key === context.asking);
  if (!field) return undefined;
  return { values: { [field.key]: right }, labelled: [], corrected: [field.key], rest: '' };
}

const sameValue = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && a.replace(/\s/g, '').toUpperCase() === b.replace(/\s/g, '').toUpperCase();
