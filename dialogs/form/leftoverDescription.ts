import type { Vocabulary } from '../dialogKnowledge.js';
import { compact } from '../zhYesNo.js';
import { escapeRegExp } from './cleanInput.js';
import type { FormField } from './formDefinition.js';

/**
 * What a first message may say about the fault once the report lead-ins ("我要报修"), field
 * labels and extracted values are gone: "硬盘坏了需要更换，序列号…" describes the fault. Undefined when
 * too little is left to be a description.
 */
export function leftoverDescription(rest: string, fields: readonly FormField[], vocab: Vocabulary): string | undefined {
  let left = rest;
  for (const leadIn of [...vocab.reportLeadIns].sort((a, b) => b.length - a.length))
    left = left.split(leadIn).join(' ');
  // A label whose value was recognised by its shape ("电话138…") stays behind, now followed by a gap.
  const labels = fields.flatMap((f) => [...f.labels, ...f.weakLabels]).sort((a, b) => b.length - a.length);
  for (const label of labels)
    left = left.replace(new RegExp(`${escapeRegExp(label)}(?=[\\s,，、。;；]|$)`, 'giu'), ' ');
  const han = (s: string) => (s.match(/\p{Script=Han}/gu) ?? []).length;
  // Pieces left without their value ("机房在" once the address is out) are dropped, with their commas.
  // So are words that only name the machine ("报修一下服务器 机器开不了机" keeps the second part).
  const smallTalk = (piece: string) =>
    vocab.smallTalkPieces.some(
      (w) => compact(piece) === compact(w) || compact(piece).replace(/[吗呀啊呢]+$/u, '') === compact(w),
    );
  const vague = (piece: string) => vocab.vagueFaultWords.some((w) => w.length >= 2 && piece === w);
  const dangling = (piece: string) =>
    !/[\p{L}\p{N}]/u.test(piece) ||
    vocab.placeLeadIns.some((w) => piece.endsWith(w)) ||
    vague(piece) ||
    smallTalk(piece);
  const pieces = left.split(/[,，、;；。]/u).map((p) =>
    p
      .split(/\s+/u)
      .filter((word) => !vague(word) && !smallTalk(word))
      .join(' ')
      .replace(/^[\s.:：!！]+|[\s:：]+$/gu, ''),
  );
  left = pieces.filter((p) => p && !dangling(p)).join('，');
  // "服务器坏了" says only that something broke: the detailed description is still to be asked.
  return han(left) >= 4 && !onlySaysItBroke(left, vocab) ? left : undefined;
}

/** "机器坏了", "坏了，用不了了": nothing but that something broke; what happens is still to be asked. */
export function onlySaysItBroke(text: string, vocab: Vocabulary): boolean {
  let substance = text;
  for (const word of [...vocab.vagueFaultWords].sort((a, b) => b.length - a.length))
    substance = substance.split(word).join('');
  return (substance.match(/\p{Script=Han}|[A-Za-z0-9]/gu) ?? []).length < 2;
}
