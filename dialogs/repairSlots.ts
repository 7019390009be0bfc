import * as OpenCC from 'opencc-js/t2cn';
import type { RepairFieldKey, RepairReport } from './dependencies.js';
import type { RepairFieldSpec, Vocabulary } from './dialogKnowledge.js';

// Character by character (phrase mode would rewrite 序列号); 型號 and 序列號 must meet their labels.
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
const invisible = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
// A value ends at the next label or at a sentence end; commas stay inside free text.
const sentenceEnd = /[；;。\n！!？?]/u;
const leadingSeparators = /^[\s:：=,，、]+/u;
const trailingSeparators = /[\s,，、.。]+$/u;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const isLatin = (s: string) => /^[A-Za-z/]+$/.test(s);

export interface SlotExtraction {
  /** Raw values found, before validation. */
  values: RepairReport;
  /** Fields named by a label in the message (as opposed to inferred from shape or the question asked). */
  labelled: RepairFieldKey[];
  /** The message with every extracted value and its label taken out. */
  rest: string;
}

interface LabelHit {
  key: RepairFieldKey;
  start: number;
  end: number;
}

// Full-width letters, digits and the few symbols codes use; CJK punctuation stays for display.
const fullWidth = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF0D\uFF0B\uFF0F\u3000]/g;

/** Text as the customer typed it, in simplified characters, with full-width letters/digits made ASCII and invisible characters gone. */
export function cleanInput(text: string): string {
  const ascii = text.replace(fullWidth, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
  return toSimplified(ascii.replace(invisible, '')).trim();
}

function labelPattern(label: string, weak: boolean, vocab: Vocabulary, kind: RepairFieldSpec['kind']): string {
  const body = escape(label);
  // Latin labels must stand alone: "SN2024…" is a serial, not the label "sn" plus "2024…".
  const core = isLatin(label) ? `(?<![A-Za-z0-9])${body}(?![A-Za-z0-9])` : `(?<![A-Za-z])${body}`;
  if (!weak) return core;
  // "配置无" is a label with its value ("报错无法开机" is not); so is "电话138…" (a digit, for phones only: "告警3次" is a description).
  const follow = ['[:：=\\s]', '是', '为', '无(?=$|[\\s,，;；。])', ...(kind === 'phone' ? ['\\d'] : []), ...vocab.correctionPrefixes.map(escape)].join('|');
  return `${core}(?=${follow})`;
}

function findLabels(text: string, form: RepairFieldSpec[], vocab: Vocabulary): LabelHit[] {
  const entries = form.flatMap((f) => [
    ...f.labels.map((l) => ({ key: f.key, kind: f.kind, label: l, weak: false })),
    ...f.weakLabels.map((l) => ({ key: f.key, kind: f.kind, label: l, weak: true })),
  ]);
  // Longest label first so 联系电话 wins over 电话.
  entries.sort((a, b) => b.label.length - a.label.length);
  const hits: LabelHit[] = [];
  for (const entry of entries) {
    const re = new RegExp(labelPattern(entry.label, entry.weak, vocab, entry.kind), 'giu');
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (hits.some((h) => start < h.end && end > h.start)) continue;
      hits.push({ key: entry.key, start, end });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** Drops "写错了，应该是" and similar lead-ins from a value. */
export function stripCorrection(value: string, vocab: Vocabulary): string {
  let v = value.replace(leadingSeparators, '');
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of vocab.correctionPrefixes) {
      if (v.startsWith(prefix)) {
        v = v.slice(prefix.length).replace(leadingSeparators, '');
        changed = true;
      }
    }
  }
  return v.replace(trailingSeparators, '');
}

function shapeMatch(spec: RepairFieldSpec, text: string): string | undefined {
  if (!spec.freePattern) return undefined;
  return new RegExp(spec.freePattern, 'iu').exec(text)?.[0];
}

/** For codes and phones only the first token counts; for free text the whole segment does. */
function trimToShape(spec: RepairFieldSpec, value: string): string {
  if (spec.kind === 'phone') {
    const compacted = value.replace(/(\d)\s+(?=\d)/g, '$1');
    return shapeMatch(spec, compacted) ?? shapeMatch(spec, value) ?? value.split(/[\s,，]/)[0] ?? value;
  }
  if (spec.kind === 'name') return value.split(/[\s,，、]/)[0] ?? value;
  if (spec.kind === 'code') return /^[A-Za-z0-9][A-Za-z0-9\-_/.]*/.exec(value)?.[0] ?? value.split(/[\s,，]/)[0] ?? value;
  return value;
}

/**
 * Finds repair-report values in one message: labelled values ("型号R5300 序列号SN… 电话…"),
 * values recognisable by shape (mobile numbers, R-series models, SN… serials), and otherwise the
 * whole answer for the item that was just asked. Corrections ("电话写错了，是139…") come out as
 * ordinary labelled values.
 */
export function extractSlots(
  input: string,
  form: RepairFieldSpec[],
  vocab: Vocabulary,
  expected?: RepairFieldKey,
): SlotExtraction {
  const text = cleanInput(input);
  const values: RepairReport = {};
  const hits = findLabels(text, form, vocab);
  const consumed: Array<[number, number]> = [];
  hits.forEach((hit, i) => {
    const spec = form.find((f) => f.key === hit.key);
    if (!spec) return;
    const next = hits[i + 1]?.start ?? text.length;
    const segment = text.slice(hit.end, next).split(sentenceEnd)[0] ?? '';
    const value = trimToShape(spec, stripCorrection(segment, vocab));
    // A code, name or phone consumes only its own token, so "序列号SN… 电话139…" still yields the phone.
    const valueAt = value ? segment.indexOf(value) : -1;
    const used = spec.kind !== 'text' && valueAt >= 0 ? valueAt + value.length : segment.length;
    consumed.push([hit.start, hit.end + used]);
    if (value) values[hit.key] = value;
  });
  const labelled = Object.keys(values).filter((k): k is RepairFieldKey => form.some((f) => f.key === k));
  let rest = text;
  for (const [start, end] of [...consumed].sort((a, b) => b[0] - a[0])) rest = rest.slice(0, start) + ' ' + rest.slice(end);
  let shaped = false;
  const expectsText = form.find((f) => f.key === expected)?.kind === 'text';
  for (const spec of form) {
    if (values[spec.key] !== undefined) continue;
    // An address inside a fault description stays in it; beside a name or phone it is the address.
    if (spec.kind === 'text' && expectsText) continue;
    const found = shapeMatch(spec, rest);
    if (found) {
      values[spec.key] = found;
      rest = rest.replace(found, ' ');
      shaped = true;
    }
  }
  const whole = rest.replace(/\s+/g, ' ').trim();
  // "改成R7100" corrects the model; the "改成" left over answers nothing.
  const onlyCorrection = shaped && stripCorrection(whole, vocab) === '';
  if (expected && labelled.length === 0 && values[expected] === undefined && !onlyCorrection) {
    const spec = form.find((f) => f.key === expected);
    // Free text keeps its wording ("不对劲…" is a description, not a correction).
    const answer = spec?.kind === 'text' ? whole : stripCorrection(whole, vocab);
    // "杭州某某科技有限公司" given for the contact person is the organisation.
    const organisation = spec?.kind === 'name' && vocab.organizationSuffixes.some((suffix) => answer.endsWith(suffix));
    if (spec && answer && organisation) values.organization = answer;
    else if (spec && answer) values[expected] = trimToShape(spec, answer);
  }
  return { values, labelled, rest: rest.replace(/\s+/g, ' ').trim() };
}

/**
 * What a first message may say about the fault once the report lead-ins ("我要报修"), field
 * labels and extracted values are gone: "硬盘坏了需要更换，序列号…" describes the fault. Undefined when
 * too little is left to be a description.
 */
export function leftoverDescription(rest: string, form: RepairFieldSpec[], vocab: Vocabulary): string | undefined {
  let left = rest;
  for (const leadIn of [...vocab.reportLeadIns].sort((a, b) => b.length - a.length)) left = left.split(leadIn).join(' ');
  // A label whose value was recognised by its shape ("电话138…") stays behind, now followed by a gap.
  const labels = form.flatMap((f) => [...f.labels, ...f.weakLabels]).sort((a, b) => b.length - a.length);
  for (const label of labels) left = left.replace(new RegExp(`${escape(label)}(?=[\\s,，、。;；]|$)`, 'giu'), ' ');
  const han = (s: string) => (s.match(/\p{Script=Han}/gu) ?? []).length;
  // Pieces left without their value ("机房在" once the address is out) are dropped, with their commas.
  const dangling = (piece: string) => !/[\p{L}\p{N}]/u.test(piece) || vocab.placeLeadIns.some((w) => piece.endsWith(w));
  const pieces = left.split(/[,，、;；。]/u).map((p) => p.replace(/^[\s.:：!！]+|[\s:：]+$/gu, '').replace(/\s+/g, ' '));
  left = pieces.filter((p) => p && !dangling(p)).join('，');
  // "服务器坏了" says only that something broke: the detailed description is still to be asked.
  let substance = left;
  for (const word of vocab.vagueFaultWords) substance = substance.split(word).join('');
  return han(left) >= 4 && han(substance) >= 2 ? left : undefined;
}
