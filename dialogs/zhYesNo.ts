import { normalizeText } from '../src/text/normalize.js';
import { notParsed, parsed, type ParseResult } from '../src/errors.js';
import type { Vocabulary } from './dialogKnowledge.js';

// Lead-ins only count in short replies: "好的，谢谢" is a yes, a long sentence starting with 是 is not.
const maxLeadInReply = 10;
// Fewer characters after 算了 are a particle or a shrug, not a new request.
const minFollowUp = 4;
const maxCancelSentence = 14;
const trailingParticles = /[啊呀吧哦噢呢嘛啦哈咯喔]+$/u;

/** Strips punctuation, symbols and spaces so "好的！" and "好的" compare equal. */
export function compact(text: string): string {
  return normalizeText(text).replace(/[\p{P}\p{S}\s]/gu, '');
}

/** Only vocabulary words are remembered, so this bound guards against misuse; it is no eviction policy. */
const MAX_REMEMBERED_WORDS = 10_000;

/** `form` of each word, worked out once: the dialogs' vocabulary words are checked on most turns. */
function rememberedBy(form: (word: string) => string): (word: string) => string {
  const known = new Map<string, string>();
  return (word) => {
    let formed = known.get(word);
    if (formed === undefined) {
      if (known.size >= MAX_REMEMBERED_WORDS) known.clear();
      formed = form(word);
      known.set(word, formed);
    }
    return formed;
  };
}

/** compact() of a word from knowledge/dialogs (cue, label, lead-in), worked out once per word. */
export const compactCue = rememberedBy(compact);
const normalizedCue = rememberedBy(normalizeText);

/**
 * Recognises natural Chinese yes/no answers (是, 对, 好的, 可以, 行, 嗯, 没问题 / 不, 不用, 不是,
 * 算了, 不要…) from the vocabulary in knowledge/dialogs. The SDK's zh defaults miss many of these.
 */
export function recognizeYesNo(text: string, vocab: Vocabulary): ParseResult<boolean> {
  let reply = compact(text);
  for (let pass = 0; pass < 2; pass++) {
    if (vocab.yes.includes(reply)) return parsed(true);
    if (vocab.no.includes(reply)) return parsed(false);
    reply = reply.replace(trailingParticles, '');
  }
  if (reply.length === 0 || reply.length > maxLeadInReply) return notParsed('不是是/否回答');
  // The longest matching lead-in wins, so 没问题 (yes) beats 没 (no).
  const leadIns = [
    ...vocab.yes.map((w) => ({ w, yes: true })),
    ...vocab.no.map((w) => ({ w, yes: false })),
    ...vocab.yesLeadIns.map((w) => ({ w, yes: true })),
    ...vocab.noLeadIns.map((w) => ({ w, yes: false })),
  ]
    .filter(({ w }) => reply.startsWith(compactCue(w)))
    .sort((a, b) => b.w.length - a.w.length);
  const best = leadIns[0];
  return best ? parsed(best.yes) : notParsed('不是是/否回答');
}

/** True when the text contains one of the cue words (after normalisation). */
export function containsCue(text: string, cues: readonly string[]): boolean {
  const t = compact(text);
  return cues.some((cue) => t.includes(compactCue(cue)));
}

/** Short replies that are only a cancel word ("算了", "不报了", "取消吧"). */
export function isCancel(text: string, vocab: Vocabulary): boolean {
  const t = compact(text).replace(trailingParticles, '');
  if (t.length <= 8 && vocab.cancel.some((cue) => t.includes(compactCue(cue)))) return true;
  // "我改主意了，不报修了" ends on a cancel; two-character cues (结束, 退出) end fault descriptions too often.
  return t.length <= maxCancelSentence && vocab.cancel.some((cue) => cue.length >= 3 && t.endsWith(compactCue(cue)));
}

/** Replies meaning "none / don't know" for an optional item. */
export function isSkip(text: string, vocab: Vocabulary): boolean {
  const t = compact(text).replace(trailingParticles, '');
  return vocab.skip.some((cue) => t === compactCue(cue) || (t.length <= 6 && t.startsWith(compactCue(cue))));
}

/** A message that reads as a question (？, 吗, 多久, 怎么 …). */
export function looksLikeQuestion(text: string, vocab: Vocabulary): boolean {
  const t = normalizeText(text);
  return vocab.questionCues.some((cue) => t.includes(normalizedCue(cue)));
}

/**
 * What follows a leading cancel word ("算了，我先问一下保修期多久" gives "我先问一下保修期多久"):
 * the customer drops the current task and says what they want instead. Undefined when nothing follows.
 */
export function afterCancelLeadIn(text: string, vocab: Vocabulary): string | undefined {
  const trimmed = text.trim();
  const lead = [...vocab.cancel].sort((a, b) => b.length - a.length).find((cue) => trimmed.startsWith(cue));
  if (!lead) return undefined;
  // A pause must follow ("算了，…"): "退出系统后就蓝屏" describes a fault, it cancels nothing.
  const pause = /^[吧啊了呀]*[\s\p{P}]+/u.exec(trimmed.slice(lead.length));
  if (!pause) return undefined;
  const rest = trimmed.slice(lead.length + pause[0].length);
  return compact(rest).length >= minFollowUp ? rest : undefined;
}

/** "我要报修" and nothing else: asking for the report that is already being filled in. */
export function isReportRequest(text: string, vocab: Vocabulary): boolean {
  const t = compact(text).replace(trailingParticles, '');
  return [...vocab.reportLeadIns, ...(vocab.intentLabels['report_fault'] ?? [])].some((w) => compactCue(w) === t);
}

/** A leave-taking is short ("哈哈行吧 不打扰你们啦 拜拜"); a longer message says something more. */
const shortGoodbye = 16;

/** "再见", "好吧，拜拜": the customer is leaving; nothing in it is a yes to an offer or a request. */
export function isGoodbye(text: string, vocab: Vocabulary): boolean {
  return compact(text).length <= shortGoodbye && containsCue(text, vocab.goodbyeCues);
}
