/**
 * How one item's value is cut out of the text around it: codes and phones by their shape, free
 * text up to where another item begins (its shape, its cues, or the end of an address).
 */
import { readName } from './contactName.js';
import { stripLeadIn } from './corrections.js';
import type { FormField, FormReading } from './formDefinition.js';

/** The parts of the form definition reading needs. */
export interface Form {
  fields: readonly FormField[];
  reading: FormReading;
}

const chunkBreak = /[\s,，;；、]/u;
const trailingSeparators = /[\s,，;；、.。:：]+$/u;

/** A mobile number written in groups: "138-1234-5678", "+86 138 1234 5678", "138—1234—5678". */
const groupedMobile = /(?<!\d)(?:\+?86[\s\-－—–]*)?(1[3-9]\d)[\s\-－—–]+(\d{4})[\s\-－—–]+(\d{4})(?!\d)/gu;

/** "158 1111 2222" and "158-1111-2222" → "15811112222" (a landline's hyphen stays: 022-12345678). */
export function compactDigits(s: string): string {
  return s.replace(groupedMobile, '$1$2$3').replace(/(\d)[\s-]+(?=\d)/g, (m, d: string) => (m.includes('-') ? m : d));
}

/** The value of a code or phone field inside a segment: the first piece of the right shape. */
export function shapedValue(field: FormField, segment: string): { value: string; end: number } | undefined {
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
export function textEnd(field: FormField, segment: string, form: Form): number {
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
export function valueAfterLabel(field: FormField, segment: string, whole: string, form: Form) {
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

/** The stretches of text no range covers. */
export function gaps(length: number, ranges: Array<[number, number]>): Array<[number, number]> {
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
export function cueStart(field: FormField, piece: string): number | undefined {
  let at = 0;
  for (const chunk of piece.split(chunkBreak)) {
    const start = piece.indexOf(chunk, at);
    at = start + chunk.length;
    if (chunk && field.cues.some((c) => new RegExp(`^(?:${c})`, 'iu').test(chunk))) return start;
  }
  return undefined;
}
