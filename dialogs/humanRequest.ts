import type { DialogKnowledge } from './dialogKnowledge.js';
import { anyOf } from './form/cleanInput.js';
import { compact, compactCue, containsCue } from './zhYesNo.js';

/** Questions about who is answering are short; a longer message naming a robot is about something else. */
const shortQuestion = 12;
/** A request for a human inside a longer message is a short clause, at most a few words after the human. */
const longestClause = 16;
const afterHuman = 6;

/**
 * The message without polite lead-ins ("请问是人工吗": 请 asks nothing of a human here) and
 * without the repair report's labels ("联系人黄经理" names a contact; 联系 there asks for no one).
 */
function requestWords(text: string, texts: DialogKnowledge): string {
  let t = compact(text);
  for (const lead of texts.vocab.politeLeadIns) t = t.split(compactCue(lead)).join('');
  for (const label of texts.form.flatMap((f) => f.labels)) t = t.split(compactCue(label)).join(' ');
  return t;
}

/**
 * "转人工", "我要找人工", "找你们经理", "人工": a human asked for outright, a verb before the
 * human. Chit-chat that only names one ("你们领导是谁", "你是真人吗") asks nothing of the kind.
 * Callers check the matcher's intent as well: this only vetoes what merely names a human.
 */
export function asksForHuman(text: string, texts: DialogKnowledge): boolean {
  const cues = texts.vocab.humanCues.map(compact);
  if (cues.includes(compact(text)) || containsCue(text, texts.vocab.botRefusals)) return true;
  // Pinyin or English ("zhuan ren gong", "agent please") is left to the matcher, which reads both.
  if (!/\p{Script=Han}/u.test(text)) return true;
  const verbs = texts.repairForm.reading.handoffVerbs;
  return new RegExp(`(?:${anyOf(verbs)})(?!过).{0,4}(?:${anyOf(cues)})`, 'iu').test(requestWords(text, texts));
}

/**
 * One clause of a longer message that asks for a human and ends there ("型号不知道，我要找人工",
 * "能不能找个人工客服帮我登记"); "找客服换了硬盘还是不行" goes on about the fault instead.
 */
export function clauseAsksForHuman(clause: string, texts: DialogKnowledge): boolean {
  const cues = texts.vocab.humanCues.map(compact);
  const verbs = texts.repairForm.reading.handoffVerbs;
  const t = requestWords(clause, texts);
  if (t.length > longestClause || asksIfBot(clause, texts)) return false;
  return (
    cues.includes(t) || new RegExp(`(?:${anyOf(verbs)})(?!过).{0,4}(?:${anyOf(cues)}).{0,${afterHuman}}$`, 'iu').test(t)
  );
}

/** "你是机器人吧", "你是真人吗": the customer asks who is answering; answered, not handed off. */
export function asksIfBot(text: string, texts: DialogKnowledge): boolean {
  const t = compact(text);
  return t.length <= shortQuestion && containsCue(t, texts.vocab.botIdentityCues) && !asksForHuman(text, texts);
}
