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
  if (!policy || clause.kind !== 'cell') return [clause];
  return policy.clauses.filter((c) => c.kind === 'cell' && c.line === clause.line);
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

/** The first clauses under a section (its sub-sections and table rows included), in document order. */
function sectionOpening(ctx: AnswerContext, policy: PolicyId, section: string[]): Clause[] {
  const inSection = ctx.policies.get(policy)?.clauses.filter((c) => section.every((s, i) => c.section[i] === s)) ?? [];
  const opening = inSection.slice(0, ctx.templates.thresholds.maxCitations);
  // Never cut a table row in half.
  const last = opening.at(-1);
  return last ? [...opening, ...inSection.slice(opening.length).filter((c) => c.line === last.line)] : opening;
}

/**
 * The policy's section whose heading names what was asked, if any. Among several such
 * headings, the one holding the best-ranked clause wins; then the closest heading.
 */
function headingSection(ctx: AnswerContext, question: string, policy: PolicyId, ranked: RankedClause[]): string[] | undefined {
  let best: { section: string[]; rank: number; fit: number } | undefined;
  const seen = new Set<string>();
  for (const clause of ctx.policies.get(policy)?.clauses ?? []) {
    for (let depth = 1; depth <= clause.section.length; depth++) {
      const section = clause.section.slice(0, depth);
      const key = section.join('›');
      if (seen.has(key)) continue;
      seen.add(key);
      const fit = ctx.ranker.headingFit(question, section.at(-1) ?? '');
      if (fit === undefined) continue;
      // "你们电话多少" names the 电话响应时间 heading but asks for a number that section never states.
      const text = sectionOpening(ctx, policy, section).map((c) => c.text).join('');
      if (ctx.ranker.lacksAskedFact(question, text)) continue;
      const at = ranked.findIndex((r) => section.every((s, i) => r.clause.section[i] === s) && r.clause.policy === policy);
      const rank = at < 0 ? Number.MAX_SAFE_INTEGER : at;
      if (!best || rank < best.rank || (rank === best.rank && fit < best.fit)) best = { section, rank, fit };
    }
  }
  return best?.section;
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
  const suggestions = suggestionsFrom(ctx, ranked);
  const policies = restricted ? [top.clause.policy] : [...ctx.policies.keys()];

  // A question that names a section's topic is answered from that section, in each policy that has one.
  const byHeading = policies
    .map((policy) => ({ policy, section: headingSection(ctx, question, policy, ranked) }))
    .flatMap(({ policy, section }) => (section ? [sectionOpening(ctx, policy, section)] : []))
    .sort((a, b) => (a[0]?.policy === top.clause.policy ? -1 : b[0]?.policy === top.clause.policy ? 1 : 0));
  if (byHeading.length) return reply(ctx, byHeading, 1, suggestions);

  const confidence = ctx.ranker.confidence(question, top.clause);
  if (confidence < thresholds.answer) return unsureAnswer(ctx, ranked, confidence);
  const main = pickClauses(ctx, ranked, top.clause.policy);
  const rival = restricted ? undefined : ranked.find((r) => r.clause.policy !== top.clause.policy);
  const rivalStrong =
    rival !== undefined &&
    rival.score >= top.score * thresholds.otherPolicyRatio &&
    ctx.ranker.confidence(question, rival.clause) >= thresholds.answer;
  if (rival && rivalStrong) {
    const other = pickClauses(ctx, ranked.filter((r) => r.score >= rival.score * thresholds.citationRatio), rival.clause.policy);
    return reply(ctx, [main, other], confidence, suggestions);
  }
  return reply(ctx, [main], confidence, suggestions);
}

/** One group of clauses per policy; several groups mean the policies differ and the product is asked. */
function reply(ctx: AnswerContext, groups: Clause[][], confidence: number, suggestions: string[]): KnowledgeAnswer {
  const clauses = groups.flat();
  if (groups.length > 1) {
    const text = [ctx.templates.ambiguousIntro, ...groups.map((g) => citationLines(ctx, g)), ctx.templates.ambiguousQuestion].join('\n');
    return { kind: 'ambiguous', text, citations: clauses.map(ctx.cite), confidence, suggestions };
  }
  const text = [ctx.templates.answeredIntro, citationLines(ctx, clauses)].join('\n');
  return { kind: 'answered', text, citations: clauses.map(ctx.cite), confidence, suggestions };
}
