import { anyOf } from './cleanInput.js';
import type { FormField, FormReading } from './formDefinition.js';

/** A contact name as read: a full name or title ("王先生"), or only a surname to ask about ("姓王"). */
export type NameReading = { name: string } | { surname: string } | undefined;

/**
 * Reads how to address the contact. "姓王，王先生" gives 王先生; "我姓王" alone gives the surname
 * (the dialog asks 王先生还是王女士); "免贵姓李 女的" gives 李女士; "郑女士 1586…" gives 郑女士.
 * `whole` is the whole message, where a title may be said apart from the surname.
 */
export function readName(value: string, whole: string, field: FormField, reading: FormReading): NameReading {
  const surnameLead = new RegExp(`(?:${anyOf(reading.surnameLeadIns)})\\s*(\\p{Script=Han})`, 'u');
  const lead = surnameLead.exec(value) ?? surnameLead.exec(whole);
  const single = /^\p{Script=Han}$/u.test(value.trim()) ? value.trim() : undefined;
  const surname = [lead?.[1], single].find((s) => s !== undefined && !reading.notSurnames.includes(s));
  if (!surname && single) return undefined;
  if (surname) {
    // A title said anywhere in the message: "王先生", or 男/女 on their own.
    const titled = field.freePattern ? new RegExp(field.freePattern, 'gu') : undefined;
    const withTitle = [...(titled ? whole.matchAll(titled) : [])]
      .map((m) => m[0])
      .find((n) => n.startsWith(surname) && n.length > surname.length);
    if (withTitle) return { name: withTitle };
    const rest = whole.replace(lead?.[0] ?? surname, '');
    // "姓王，王丽萍": the full name said after the surname is the name.
    const before = `(?<=^|[^\\p{Script=Han}]|${anyOf(reading.nameLeadIns)}|叫)`;
    const fullName = new RegExp(`${before}${surname}\\p{Script=Han}{1,2}(?![\\p{Script=Han}])`, 'u').exec(rest)?.[0];
    if (fullName && !reading.notSurnames.some((w) => fullName.endsWith(w))) return { name: fullName };
    const { male, female } = reading.nameTitles;
    const says = (words: string[]) => words.some((w) => rest.includes(w));
    if (says(female) && !says(male)) return { name: `${surname}${female[0] ?? ''}` };
    if (says(male) && !says(female)) return { name: `${surname}${male[0] ?? ''}` };
    return { surname };
  }
  const first = value.trim().split(/[\s,，、;；]/u)[0] ?? '';
  const name = withoutNameWords(first, reading);
  return name ? { name } : undefined;
}

/** "叫我小陈就行" → "小陈", "我是李经理" → "李经理". */
function withoutNameWords(value: string, reading: FormReading): string {
  const lead = new RegExp(`^(?:${anyOf(reading.nameLeadIns)})`, 'u');
  const trail = new RegExp(`(?:${anyOf(reading.nameTrailers)})$`, 'u');
  const bare = value.replace(lead, '').replace(trail, '').trim();
  return bare || value;
}

/** The answer to "王先生还是王女士": the title the customer picked, with the surname, or undefined. */
export function titleFor(surname: string, answer: string, reading: FormReading): string | undefined {
  const { male, female } = reading.nameTitles;
  const t = answer.trim();
  if (t.startsWith(surname) && t.length > 1 && t.length <= 6) return t;
  if (female.some((w) => t.includes(w))) return `${surname}${female[0] ?? ''}`;
  if (male.some((w) => t.includes(w))) return `${surname}${male[0] ?? ''}`;
  return undefined;
}
