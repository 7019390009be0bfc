import { probabilityRight, type AnswerDecisionModel, type AnswerEvidence } from './answerDecision.js';
import type { AnswerCards } from './answerCards.js';
import type { AnswerRules } from './answerRules.js';
import { type AnswerTemplates } from './answerTemplates.js';
import type { ClauseRanker } from './rankClauses.js';
import type { AnswerOptions, Citation, Clause, KnowledgeAnswer, Policy, PolicyId, RankedClause } from './types.js';
import { fillTemplate } from '../text/template.js';

export interface AnswerContext {
  ranker: ClauseRanker;
  templates: AnswerTemplates;
  policies: Map<PolicyId, Policy>;
  cite: (clause: Clause) => Citation;
  decision: AnswerDecisionModel;
  cards: AnswerCards;
  rules: AnswerRules;
  /** The policy the customer named, if any. */
  attributePolicy: (text: string) => PolicyId | undefined;
}

/** A short label for offering a topic: the policy title and the clause's section. */
export function topicLabel(ctx: AnswerContext, clause: Clause): string {
  const title = ctx.policies.get(clause.policy)?.meta.title ?? clause.policy;
  return `《${title}》${clause.section.slice(-2).join(' › ')}`;
}

const sameRow = (a: Clause, b: Clause) => a.policy === b.policy && a.line === b.line;

/** The closest topics, one per section, with the clause each stands for. */
function topicsFrom(ctx: AnswerContext, ranked: RankedClause[]): Array<{ label: string; clause: Clause }> {
  const seen = new Set<string>();
  const topics: Array<{ label: string; clause: Clause }> = [];
  for (const r of ranked) {
    const label = topicLabel(ctx, r.clause);
    if (seen.has(label)) continue;
    seen.add(label);
    topics.push({ label, clause: r.clause });
    if (topics.length === 3) break;
  }
  return topics;
}

/** The cells of a table row travel together: a part list is meaningless without its period. */
export function withRowSiblings(ctx: AnswerContext, clause: Clause): Clause[] {
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

/**
 * The clause that answers, first, with what must travel with it (its row, the list it leads
 * into); then at most one more clause of the same policy when it scores close to the best. More
 * quotes only where the first group needs them.
 */
function pickClauses(ctx: AnswerContext, ranked: RankedClause[], policy: PolicyId): Clause[] {
  const first = ranked.find((r) => r.clause.policy === policy);
  if (!first) return [];
  const picked = withListItems(ctx, first.clause).flatMap((c) => withRowSiblings(ctx, c));
  const { citationRatio, maxCitations } = ctx.templates.thresholds;
  const second = ranked.find((r) => r.clause.policy === policy && !picked.some((p) => sameRow(p, r.clause)));
  if (second && picked.length < maxCitations && second.score >= first.score * citationRatio) {
    picked.push(...withRowSiblings(ctx, second.clause).filter((c) => !picked.includes(c)));
  }
  return picked;
}

/**
 * The opening of a section: its first clause with what travels with it (its table row, or the
 * list it leads into); a lone short clause (a bare label) takes the next one along, and when the
 * question asks for a kind of fact (a number, a period) the opening runs on to the clause stating it.
 */
function sectionOpening(ctx: AnswerContext, policy: PolicyId, section: string[], question?: string): Clause[] {
  const inSection = ctx.policies.get(policy)?.clauses.filter((c) => section.every((s, i) => c.section[i] === s)) ?? [];
  const group = (c: Clause) => withListItems(ctx, c).flatMap((x) => withRowSiblings(ctx, x));
  const [first, second] = inSection;
  if (!first) return [];
  const opening = group(first);
  if (opening.length === 1 && second && first.text.length < 12) opening.push(...group(second));
  const states = (clauses: Clause[]) => question === undefined || !ctx.ranker.lacksAskedFact(question, clauses.map((c) => c.text).join(''));
  for (const next of inSection) {
    if (states(opening) || opening.length >= ctx.templates.thresholds.maxCitations) break;
    if (!opening.includes(next)) opening.push(...group(next).filter((c) => !opening.includes(c)));
  }
  return opening;
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
      const text = (ctx.policies.get(policy)?.clauses ?? []).filter((c) => section.every((s, i) => c.section[i] === s)).map((c) => c.text).join('');
      if (ctx.ranker.lacksAskedFact(question, text)) continue;
      const at = ranked.findIndex((r) => section.every((s, i) => r.clause.section[i] === s) && r.clause.policy === policy);
      const rank = at < 0 ? Number.MAX_SAFE_INTEGER : at;
      if (!best || rank < best.rank || (rank === best.rank && fit < best.fit)) best = { section, rank, fit };
    }
  }
  return best?.section;
}

/** What the ranker knows about its best clause, for the answer decision. */
export function gatherEvidence(ctx: AnswerContext, question: string, ranked: RankedClause[], named: boolean, options: AnswerOptions): AnswerEvidence {
  const top = ranked[0];
  if (!top) throw new Error('gatherEvidence needs a ranked clause');
  const other = ranked.find((r) => !sameRow(r.clause, top.clause));
  const byLexical = ranked.reduce((a, b) => (b.lexical > a.lexical ? b : a), top);
  const bySimilar = ranked.reduce((a, b) => (b.similar > a.similar ? b : a), top);
  const asked = ctx.ranker.askedTypes(question);
  const states = ctx.ranker.answerTypeBoost(question, withRowSiblings(ctx, top.clause).map((c) => c.text).join('')) > 1;
  return {
    score: Math.log1p(top.score),
    margin: other ? (top.score - other.score) / top.score : 1,
    coverage: ctx.ranker.confidence(question, top.clause),
    similarity: ctx.ranker.similarity(question, top.alternative),
    agreement: bySimilar.similar > 0 && sameRow(byLexical.clause, bySimilar.clause) ? 1 : 0,
    answerType: asked === 0 ? 0 : states ? 1 : -1,
    intentPolicy: options.intent?.policy ?? 1,
    intentOutOfScope: options.intent?.outOfScope ?? 0,
    policyNamed: named ? 1 : 0,
    words: Math.log1p(ctx.ranker.questionWords(question)),
  };
}

function citationLines(ctx: AnswerContext, clauses: Clause[]): string {
  return clauses
    .map((c) => {
      const citation = ctx.cite(c);
      const title = ctx.policies.get(c.policy)?.meta.title ?? c.policy;
      return fillTemplate(ctx.templates.citationLine, { title, section: citation.section, quote: citation.quote });
    })
    .join('\n');
}

/** Declines to answer: says so, offers the closest topics and a human. */
export function unsureAnswer(ctx: AnswerContext, ranked: RankedClause[], confidence: number): KnowledgeAnswer {
  const topics = topicsFrom(ctx, ranked);
  const suggestions = topics.map((t) => t.label);
  const list = suggestions.map((s, i) => `${i + 1}. ${s}`).join('\n');
  const parts = [ctx.templates.unsure, suggestions.length ? fillTemplate(ctx.templates.suggestTopics, { topics: list }) : '', ctx.templates.offerHuman];
  return {
    kind: 'unsure',
    text: parts.filter(Boolean).join('\n'),
    citations: [],
    confidence,
    suggestions,
    topics: topics.map((t) => ({ label: t.label, policy: t.clause.policy, section: t.clause.section })),
    candidates: ranked.slice(0, 3).map((r) => ({ ...ctx.cite(r.clause), score: r.score })),
  };
}

/** An answer with the evidence and probability it was decided on (undefined for topic questions). */
export interface InspectedAnswer {
  answer: KnowledgeAnswer;
  evidence?: AnswerEvidence;
  probability: number;
}

/**
 * Turns ranked clauses into a reply that quotes them verbatim, when the answer decision trusts
 * the best clause (or always, with `force`, to see what would be said). When both policies answer
 * with comparable strength and none was named, it quotes each and asks which product the
 * customer has instead of picking one.
 */
export function inspectAnswer(ctx: AnswerContext, question: string, options: AnswerOptions = {}, force = false): InspectedAnswer {
  const named = options.policy ?? ctx.attributePolicy(question);
  const ranked = ctx.ranker.rank(question, { policy: named, limit: 20, leaveOut: options.leaveOut });
  const top = ranked[0];
  if (!top) return { answer: unsureAnswer(ctx, ranked, 0), probability: 0 };
  const policies = named ? [named] : [...ctx.policies.keys()];
  const candidates = ranked.slice(0, 3).map((r) => ({ ...ctx.cite(r.clause), score: r.score }));

  // A question that names a section's topic is answered from that section, in each policy that has one.
  const byHeading = policies
    .map((policy) => ({ policy, section: headingSection(ctx, question, policy, ranked) }))
    .flatMap(({ policy, section }) => (section ? [sectionOpening(ctx, policy, section, question)] : []))
    .sort((a, b) => (a[0]?.policy === top.clause.policy ? -1 : b[0]?.policy === top.clause.policy ? 1 : 0));
  if (byHeading.length) return { answer: reply(ctx, question, byHeading, 1, ranked, candidates), probability: 1 };

  // Evidence of a product named in this very question; a product known from earlier only narrows the search.
  const evidence = gatherEvidence(ctx, question, ranked, ctx.attributePolicy(question) !== undefined, options);
  const probability = probabilityRight(ctx.decision, evidence);
  if (probability < ctx.decision.answer && !force) return { answer: unsureAnswer(ctx, ranked, probability), evidence, probability };
  const main = pickClauses(ctx, ranked, top.clause.policy);
  const rival = named ? undefined : ranked.find((r) => r.clause.policy !== top.clause.policy);
  if (rival && rival.score >= top.score * ctx.templates.thresholds.otherPolicyRatio) {
    const rivalRanked = ranked.filter((r) => r.clause.policy === rival.clause.policy);
    const rivalProbability = probabilityRight(ctx.decision, gatherEvidence(ctx, question, rivalRanked, false, options));
    if (rivalProbability >= ctx.decision.answer) {
      const answer = reply(ctx, question, [main, pickClauses(ctx, rivalRanked, rival.clause.policy)], probability, ranked, candidates);
      return { answer, evidence, probability };
    }
  }
  return { answer: reply(ctx, question, [main], probability, ranked, candidates), evidence, probability };
}

/** The reply for a question: cited, ambiguous between policies, or an honest "not sure". */
export function composeAnswer(ctx: AnswerContext, question: string, options: AnswerOptions = {}): KnowledgeAnswer {
  return inspectAnswer(ctx, question, options).answer;
}

/** One group of clauses per policy; several groups mean the policies differ and the product is asked. */
function reply(
  ctx: AnswerContext,
  question: string,
  groups: Clause[][],
  confidence: number,
  ranked: RankedClause[],
  candidates: KnowledgeAnswer['candidates'],
): KnowledgeAnswer {
  const shaped = groups.map((g) => {
    const { clauses, note } = ctx.rules.shape(question, g, ranked);
    return { ...ctx.cards.apply(clauses), note };
  });
  const clauses = shaped.flatMap((g) => g.clauses);
  const suggestions = topicsFrom(ctx, ranked).map((t) => t.label);
  const base = { citations: clauses.map(ctx.cite), confidence, suggestions, topics: [], candidates };
  if (shaped.length > 1) {
    const perPolicy = shaped.flatMap((g) => [g.lead, citationLines(ctx, g.clauses)]);
    const text = [ctx.templates.ambiguousIntro, ...perPolicy, ctx.templates.ambiguousQuestion];
    return { kind: 'ambiguous', text: text.filter(Boolean).join('\n'), ...base };
  }
  const [group] = shaped;
  const text = [group?.lead, group?.note, ctx.templates.answeredIntro, citationLines(ctx, clauses)].filter(Boolean).join('\n');
  return { kind: 'answered', text, ...base };
}

/** Answers a topic the customer picked from the offered ones: the opening of its section. */
export function answerSection(ctx: AnswerContext, policy: PolicyId, section: string[]): KnowledgeAnswer {
  const clauses = sectionOpening(ctx, policy, section);
  if (!clauses.length) return unsureAnswer(ctx, [], 0);
  return reply(ctx, section.join(' '), [clauses], 1, [], []);
}
