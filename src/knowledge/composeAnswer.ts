import { fill, type AnswerTemplates } from './answerTemplates.js';
import type { ClauseRanker } from './rankClauses.js';
import type { Citation, Clause, KnowledgeAnswer, Policy, PolicyId, RankedClause } from './types.js';

export interface AnswerContext {
  ranker: ClauseRanker;
  templates: AnswerTemplates;
  policies: Map<PolicyId, Policy>;
  cite: (clause: Clause) => Citation;
}

/** A short label for offering a topic: the policy title and the clause's section. */
export function topicLabel(ctx: AnswerContext, clause: Clause): string {
  const title = ctx.policies.get(clause.policy)?.meta.title ?? clause.policy;
  return `《${title}》${clause.section.slice(-2).join(' › ')}`;
}

function suggestionsFrom(ctx: AnswerContext, ranked: RankedClause[]): string[] {
  return [...new Set(ranked.map((r) => topicLabel(ctx, r.clause)))].slice(0, 3);
}

/** The cells of a table row travel together: a part list is meaningless without its period. */
function withRowSiblings(ctx: AnswerContext, clause: Clause): Clause[] {
  const policy = ctx.policies.get(clause.policy);
  if (!policy || !policy.clauses.some((c) => c !== clause && c.line === clause.line)) return [clause];
  return policy.clauses.filter((c) => c.line === clause.line);
}

/** A lead-in ending in a colon is quoted with the list it introduces. */
function withListItems(ctx: AnswerContext, clause: Clause): Clause[] {
  if (!/[:：]$/.test(clause.text)) return [clause];
  const items = ctx.policies.get(clause.policy)?.clauses.filter((c) => c.context === clause.text && c.section.join('›') === clause.section.join('›'));
  return [clause, ...(items ?? [])];
}

function pickClauses(ctx: AnswerContext, ranked: RankedClause[], policy: PolicyId): Clause[] {
  const best = ranked[0]?.score ?? 0;
  const picked: Clause[] = [];
  for (const r of ranked) {
    if (r.clause.policy !== policy || r.score < best * ctx.templates.thresholds.citationRatio) continue;
    const group = r.clause.line === ranked[0]?.clause.line ? withListItems(ctx, r.clause) : [r.clause];
    for (const c of group.flatMap((g) => withRowSiblings(ctx, g))) if (!picked.includes(c)) picked.push(c);
    if (picked.length >= ctx.templates.thresholds.maxCitations) break;
  }
  return picked;
}

/** The first clauses of the clause's section, in document order. */
function sectionOpening(ctx: AnswerContext, clause: Clause): Clause[] {
  const key = clause.section.join('›');
  const inSection = ctx.policies.get(clause.policy)?.clauses.filter((c) => c.section.join('›') === key) ?? [clause];
  return inSection.slice(0, ctx.templates.thresholds.maxCitations);
}

function citationLines(ctx: AnswerContext, clauses: Clause[]): string {
  return clauses
    .map((c) => {
      const citation = ctx.cite(c);
      const title = ctx.policies.get(c.policy)?.meta.title ?? c.policy;
      return fill(ctx.templates.citationLine, { title, section: citation.section, quote: citation.quote });
    })
    .join('\n');
}

/** Declines to answer: says so, offers the closest topics and a human. */
export function unsureAnswer(ctx: AnswerContext, ranked: RankedClause[], confidence: number): KnowledgeAnswer {
  const suggestions = suggestionsFrom(ctx, ranked);
  const topics = suggestions.map((s, i) => `${i + 1}. ${s}`).join('\n');
  const parts = [ctx.templates.unsure, suggestions.length ? fill(ctx.templates.suggestTopics, { topics }) : '', ctx.templates.offerHuman];
  return { kind: 'unsure', text: parts.filter(Boolean).join('\n'), citations: [], confidence, suggestions };
}

/**
 * Turns ranked clauses into a reply that quotes them verbatim. When both policies answer
 * the question with comparable strength and none was chosen, it quotes each and asks
 * which product the customer has instead of picking one.
 */
export function composeAnswer(ctx: AnswerContext, question: string, ranked: RankedClause[], restricted: boolean): KnowledgeAnswer {
  const top = ranked[0];
  if (!top) return unsureAnswer(ctx, ranked, 0);
  const { thresholds } = ctx.templates;
  const confidence = ctx.ranker.confidence(question, top.clause);
  if (confidence < thresholds.answer) return unsureAnswer(ctx, ranked, confidence);

  const main = ctx.ranker.headingCovers(question, top.clause) ? sectionOpening(ctx, top.clause) : pickClauses(ctx, ranked, top.clause.policy);
  const rival = restricted ? undefined : ranked.find((r) => r.clause.policy !== top.clause.policy);
  const rivalStrong =
    rival !== undefined &&
    rival.score >= top.score * thresholds.otherPolicyRatio &&
    ctx.ranker.confidence(question, rival.clause) >= thresholds.answer;
  const suggestions = suggestionsFrom(ctx, ranked);

  if (rival && rivalStrong) {
    const other = pickClauses(ctx, ranked.filter((r) => r.score >= rival.score * thresholds.citationRatio), rival.clause.policy);
    const clauses = [...main, ...other];
    const text = [ctx.templates.ambiguousIntro, citationLines(ctx, main), citationLines(ctx, other), ctx.templates.ambiguousQuestion].join('\n');
    return { kind: 'ambiguous', text, citations: clauses.map(ctx.cite), confidence, suggestions };
  }
  const text = [ctx.templates.answeredIntro, citationLines(ctx, main)].join('\n');
  return { kind: 'answered', text, citations: main.map(ctx.cite), confidence, suggestions };
}
