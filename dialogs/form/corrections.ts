import { anyOf } from './cleanInput.js';
import type { FormReading } from './formDefinition.js';

/** What is left of a value once the words around it are gone, and whether they called the old value wrong. */
export interface LeadIn {
  rest: string;
  corrected: boolean;
  /** "不是X是Y": the value said to be wrong. */
  wrongValue?: string;
}

const separators = /^[\s:：=,，、.。!！]+/u;

/** Builds the patterns of one reading vocabulary once. */
function patterns(reading: FormReading) {
  const c = reading.correction;
  const particles = `[${reading.trailingParticles}]*`;
  // "也搞错了哈", "打反了两位", "填错啦": an adverb, a verb, what went wrong, and a particle or a count.
  const slip = new RegExp(
    `^(?:${anyOf(c.adverbs)})?(?:被|给)?(?:我|我们)?(?:${anyOf(c.verbs)})?(?:${anyOf(c.results)})(?:了|啦)?${particles}(?:[一二两三四几\\d]+(?:位|个字|个数字|处))?${particles}`,
    'u',
  );
  const wrong = new RegExp(`^(?:${anyOf(c.adverbs)})?(?:${anyOf(c.wrong)})(?:了)?${particles}`, 'u');
  const leadIn = new RegExp(`^(?:${anyOf(c.leadIns)})`, 'u');
  const notButIs = new RegExp(
    `^(?:${anyOf(c.notBut)})(?!${anyOf(c.notButExcept)})(.{1,20}?)[\\s,，]*(?:而)?是(.+)$`,
    'u',
  );
  return { slip, wrong, leadIn, notButIs };
}

const cache = new WeakMap<FormReading, ReturnType<typeof patterns>>();

function patternsOf(reading: FormReading): ReturnType<typeof patterns> {
  let p = cache.get(reading);
  if (!p) {
    p = patterns(reading);
    cache.set(reading, p);
  }
  return p;
}

/** "不是王先生，是黄先生": the old value and the new one, when the text says so. */
export function notThisButThat(text: string, reading: FormReading): { wrong: string; right: string } | undefined {
  const m = patternsOf(reading).notButIs.exec(text);
  const wrong = m?.[1]?.trim();
  const right = m?.[2]?.trim();
  return wrong && right ? { wrong, right } : undefined;
}

/**
 * Takes the words before a value off: "也搞错了哈 其实是R6200G2" → "R6200G2" (a correction),
 * "应该是…", "改成…", "不是王先生是黄先生" → "黄先生" (the wrong value kept), "是…" → "…".
 */
export function stripLeadIn(value: string, reading: FormReading): LeadIn {
  const p = patternsOf(reading);
  let rest = value.replace(separators, '');
  let corrected = false;
  let wrongValue: string | undefined;
  for (let changed = true; changed && rest;) {
    changed = false;
    const notBut = p.notButIs.exec(rest);
    if (notBut?.[1] && notBut[2]) {
      wrongValue = notBut[1].trim();
      rest = notBut[2];
      corrected = true;
      changed = true;
    }
    for (const re of [p.slip, p.wrong]) {
      const m = re.exec(rest);
      if (m && m[0]) {
        rest = rest.slice(m[0].length).replace(separators, '');
        corrected = true;
        changed = true;
      }
    }
    const lead = p.leadIn.exec(rest);
    if (lead && lead[0]) {
      // Plain 是/为 only introduces the value; the other lead-ins replace an old one.
      if (lead[0] !== '是' && lead[0] !== '为') corrected = true;
      rest = rest.slice(lead[0].length).replace(separators, '');
      changed = true;
    }
  }
  return { rest: rest.trim(), corrected, ...(wrongValue ? { wrongValue } : {}) };
}

/** Fillers at the start ("哎呀", "然后那个", "哦对了") and particles at the end ("哈", "吧"), removed. */
export function withoutFillers(text: string, reading: FormReading): string {
  let t = text.trim();
  const fillers = [...reading.fillers].sort((a, b) => b.length - a.length);
  for (let changed = true; changed;) {
    changed = false;
    for (const f of fillers) {
      if (t.startsWith(f) && t.length > f.length) {
        t = t.slice(f.length).replace(separators, '');
        changed = true;
      }
    }
  }
  return t.replace(new RegExp(`[${reading.trailingParticles}]+[\\s!！。.~～]*$`, 'u'), '').trim();
}

/**
 * "这单不用提了哈", "不用报修了", "先不修了": the customer calls the report off in their own words.
 * Only the last clause counts ("不用上门也行，寄修吧" is no call-off; the action must be one of
 * reporting or repairing). Returns what came before the call-off (e.g. the reason), or undefined.
 */
export function callsOff(text: string, reading: FormReading): { before: string } | undefined {
  const { negators, actions, objects, cancelVerbs, leadIns } = reading.callOff;
  const particles = `[${reading.trailingParticles}]*`;
  const end = `(?:了|啦)?${particles}[\\s,，。.!！~～]*$`;
  // "这单不用提了", "先不修了" — or "这个报修取消吧", "单子撤了吧" with an object before the cancel word.
  const declined = `(?:${anyOf(objects)})?(?:就|也|先|还是)?(?:${anyOf(negators)})(?:再|去|给我)?(?:${anyOf(actions)})`;
  const cancelled = `(?:${anyOf(objects)})(?:报修|工单|单子)?(?:就|先|还是)?(?:${anyOf(cancelVerbs)})`;
  const t = text.trim();
  const m = new RegExp(`(?:${declined}|${cancelled})${end}`, 'u').exec(t);
  if (!m) return undefined;
  // The call-off must be a clause of its own, not the end of a longer phrase ("还不用修了吗" asks):
  // a pause, an object word or a lead-in such as 算了 comes before it.
  const before = t.slice(0, m.index);
  const pause =
    /[\s,，。.!！;；、]$/u.test(before) ||
    leadIns.some((l) => before.endsWith(l)) ||
    objects.some((o) => m[0].startsWith(o));
  if (before && !pause) return undefined;
  return { before: before.replace(/[\s,，。.!！;；、]+$/u, '') };
}
