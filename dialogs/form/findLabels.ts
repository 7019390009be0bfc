import { anyOf, escapeRegExp } from './cleanInput.js';
import type { FormField, FormReading } from './formDefinition.js';

/** A field label found in a message ("型号", "联系电话", "配置"), where it starts and ends. */
export interface LabelHit {
  key: string;
  start: number;
  end: number;
}

const isLatin = (s: string) => /^[A-Za-z/]+$/.test(s);

/**
 * The pattern of one label. Latin labels stand alone ("SN2024…" is a serial, not the label sn).
 * A weak label ("配置", "报错", "电话") is a label only when it starts a phrase and a separator,
 * 是/为, 无, a correction, (for phones) a digit or (for the organisation) a name ending in 公司,
 * 医院… follows it — or when a colon follows it anywhere:
 * "硬盘告警 灯一直闪" keeps its 告警.
 */
function labelPattern(label: string, weak: boolean, field: FormField, reading: FormReading): string {
  const body = escapeRegExp(label);
  const core = isLatin(label) ? `(?<![A-Za-z0-9])${body}(?![A-Za-z0-9])` : `(?<![A-Za-z])${body}`;
  if (!weak) return core;
  const c = reading.correction;
  const correction = `(?:${anyOf(c.adverbs)})?(?:(?:${anyOf(c.verbs)})?(?:${anyOf(c.results)})|${anyOf([...c.wrong, ...c.notBut, ...c.leadIns.filter((l) => l.length > 1)])})`;
  const follow = [
    '\\s',
    '是',
    '为',
    '无(?=$|[\\s,，;；。])',
    ...(field.kind === 'phone' ? ['\\d'] : []),
    // "单位温州瓯江阀门制造有限公司": a name ending as organisations do follows at once.
    ...(field.role === 'organization' ? [`[^\\s\\p{P}]{2,40}?(?:${anyOf(reading.organizationSuffixes)})`] : []),
    correction,
  ].join('|');
  // "改一下电话…", "把地址改成…": a correction may lead into the label.
  const startsPhrase = `(?<=^|[\\s\\p{P}的是]|${anyOf([...c.replaceBefore, ...c.leadIns.filter((l) => l.length > 1)])})`;
  // "改一下电话", "修改一下地址吧": the label alone after a correction word asks to change that item.
  const fixOnly = `(?<=${anyOf(['改', ...c.leadIns.filter((l) => l.length > 1)])})${core}(?=[${reading.trailingParticles}]*(?:$|[\\s\\p{P}]))`;
  return `(?:${core}(?=[:：=])|${startsPhrase}${core}(?=${follow})|${fixOnly})`;
}

/** Every label in the text, longest first so 联系电话 wins over 电话, without overlaps, in text order. */
export function findLabels(text: string, fields: readonly FormField[], reading: FormReading): LabelHit[] {
  const entries = fields.flatMap((f) => [
    ...f.labels.map((label) => ({ field: f, label, weak: false })),
    ...f.weakLabels.map((label) => ({ field: f, label, weak: true })),
  ]);
  entries.sort((a, b) => b.label.length - a.label.length);
  const hits: LabelHit[] = [];
  for (const entry of entries) {
    const re = new RegExp(labelPattern(entry.label, entry.weak, entry.field, reading), 'giu');
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (hits.some((h) => start < h.end && end > h.start)) continue;
      hits.push({ key: entry.field.key, start, end });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}
