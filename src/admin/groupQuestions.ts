import type { UnansweredCandidate, UnansweredEntry } from '../understanding/unansweredLog.js';

/** Two questions this alike (Jaccard over character pairs) are one group. */
const SIMILAR = 0.5;
const MAX_CANDIDATES = 3;

/** Logged questions that say the same thing, with what the bot considered for them. */
export interface QuestionGroup {
  /** The first question's id: what actions name. */
  id: number;
  /** The first question's masked text. */
  text: string;
  /** How often it was asked (entries in the group). */
  count: number;
  /** Every masked wording in the group, most frequent first. */
  texts: string[];
  kinds: Record<string, number>;
  /** The clauses considered, best score first (each once). */
  candidates: UnansweredCandidate[];
  questionIds: number[];
  lastAskedAt: string;
}

/** Letters and digits only, placeholders ([电话]) removed: what similarity is judged on. */
function core(text: string): string {
  return text
    .replace(/\[[^\]]*\]/g, '')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toLowerCase();
}

function pairs(text: string): Set<string> {
  const c = core(text);
  const set = new Set<string>();
  if (c.length === 1) set.add(c);
  for (let i = 0; i + 1 < c.length; i += 1) set.add(c.slice(i, i + 2));
  return set;
}

/** Jaccard similarity of two questions' character pairs, 0..1. */
export function similarity(a: string, b: string): number {
  const x = pairs(a);
  const y = pairs(b);
  if (x.size === 0 || y.size === 0) return core(a) === core(b) ? 1 : 0;
  let shared = 0;
  for (const p of x) if (y.has(p)) shared += 1;
  return shared / (x.size + y.size - shared);
}

/**
 * Groups questions by similarity: each joins the first group whose opening question it
 * resembles, else opens a group. Groups come most asked first.
 */
export function groupQuestions(entries: ReadonlyArray<UnansweredEntry & { id: number }>): QuestionGroup[] {
  const groups: Array<{ head: string; members: Array<UnansweredEntry & { id: number }> }> = [];
  for (const entry of entries) {
    const group = groups.find((g) => similarity(g.head, entry.text) >= SIMILAR);
    if (group) group.members.push(entry);
    else groups.push({ head: entry.text, members: [entry] });
  }
  return groups.map(({ members }) => summarise(members)).sort((a, b) => b.count - a.count || a.id - b.id);
}

function summarise(members: ReadonlyArray<UnansweredEntry & { id: number }>): QuestionGroup {
  const texts = new Map<string, number>();
  const kinds: Record<string, number> = {};
  const candidates = new Map<string, UnansweredCandidate>();
  for (const m of members) {
    texts.set(m.text, (texts.get(m.text) ?? 0) + 1);
    kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
    for (const c of m.candidates) {
      const key = `${c.policy}|${c.quote}`;
      if ((candidates.get(key)?.score ?? -1) < c.score) candidates.set(key, c);
    }
  }
  const first = members[0];
  return {
    id: first?.id ?? 0,
    text: first?.text ?? '',
    count: members.length,
    texts: [...texts].sort((a, b) => b[1] - a[1]).map(([t]) => t),
    kinds,
    candidates: [...candidates.values()].sort((a, b) => b.score - a.score).slice(0, MAX_CANDIDATES),
    questionIds: members.map((m) => m.id),
    lastAskedAt: members.reduce((at, m) => (m.at > at ? m.at : at), ''),
  };
}
