import { AppError } from '../errors.js';
import { CauseCatalog, PartCatalog } from './catalog.js';
import { RuleCiter, type KnowledgeLookup } from './citeRules.js';
import { exclusionsHit, type DecisionContext } from './decideRongke.js';
import { decisionModels } from './decisionModels.js';
import { DecisionBuilder } from './decisionBuilder.js';
import { extractFacts, type ExtractorDeps } from './extractFacts.js';
import { loadCoverageData, type CoverageData } from './loadCoverageData.js';
import { listMissing } from './missingFacts.js';
import { PlaceResolver } from './places.js';
import { createSegmenter, type Segmenter } from '../text/segment.js';
import {
  coverageInputSchema,
  type CoverageAssessment,
  type CoverageDecision,
  type CoverageEngine,
  type CoverageFacts,
  type CoverageInput,
  type DecisionBasis,
  type FactContext,
  type FactEvidence,
  type MissingFact,
} from './types.js';

/** Everything a decision needs, built once. */
export interface CoverageDeps {
  data: CoverageData;
  citer: RuleCiter;
  parts: PartCatalog;
  causes: CauseCatalog;
  places: PlaceResolver;
  /** The text as the customer meant it (pinyin read, typos of domain words mended). */
  readable: (text: string) => string;
}

/** Data, place index and segmenter already loaded elsewhere (the knowledge base shares them). */
export interface PreloadedCoverageData {
  data: CoverageData;
  places: PlaceResolver;
  segmenter: Segmenter;
}

/** Loads rules and dictionaries from knowledgeDir and checks every rule's quote against the knowledge base. */
export function buildCoverageDeps(knowledgeDir: string, kb: KnowledgeLookup, preloaded?: PreloadedCoverageData): CoverageDeps {
  const data = preloaded?.data ?? loadCoverageData(knowledgeDir);
  const segmenter = preloaded?.segmenter ?? createSegmenter(knowledgeDir);
  return {
    data,
    citer: new RuleCiter(kb, [...data.rules.values()]),
    parts: new PartCatalog(data.parts),
    causes: new CauseCatalog(data.causes),
    places: preloaded?.places ?? new PlaceResolver(data.places, data.divisions, segmenter),
    readable: (text) => segmenter.readable(text),
  };
}

/** Checks raw input; a bad field is an AppError('bad_request') whose message and details name it. */
export function parseCoverageInput(raw: unknown): CoverageInput {
  const result = coverageInputSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || '(input)';
  throw new AppError('bad_request', `字段 ${field} 无效：${issue?.message ?? ''}`, { field, issues: result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) });
}

/** A policy without coverage rules decides nothing, and says so (no other policy's rules stand in). */
function withoutRules(b: DecisionBuilder): CoverageDecision {
  b.note('noRules');
  return b.build({ covered: null, remedy: 'ask', service: [], onsiteHours: null, warrantyStart: null, warrantyEnd: null });
}

/** Decides and also reports which facts were missing along the way. */
export function decideWithNeeds(raw: unknown, deps: CoverageDeps): { decision: CoverageDecision; needs: Set<MissingFact['field']> } {
  const input = parseCoverageInput(raw);
  if (!deps.data.policies.includes(input.policy)) {
    throw new AppError('bad_request', `字段 policy 无效：没有这个政策（${deps.data.policies.join('、')}）`, { field: 'policy' });
  }
  const part = deps.parts.resolve(input.part);
  const found = input.cause ? deps.causes.find(input.cause) : [];
  const causes = found.filter((c) => !c.negated && !c.ordinaryUse);
  const place = input.city ? (deps.places.resolve(input.city) ?? 'unknown') : undefined;
  const b = new DecisionBuilder(input.policy, deps.citer, deps.data.questions.notes, {
    part: part.id ? part.name : input.part,
    partName: part.name,
    today: input.today,
    purchaseDate: input.purchaseDate,
    factoryDate: input.factoryDate,
    deliveryDate: input.deliveryDate,
    cause: input.cause,
  }, input);
  if (!part.id) b.note('unknownPart', { part: input.part });
  else if (part.fuzzy) b.note('fuzzyPart', { part: input.part });
  if (input.cause && found.length === 0) b.note('unknownCause');
  const ctx: DecisionContext = { input, part, causes, place, b };
  const set = deps.data.rules.get(input.policy);
  const decision = set ? decisionModels[set.model](set, ctx) : withoutRules(b);
  return { decision, needs: b.needs };
}

/** Decides coverage for one input (see issue 3); throws AppError('bad_request') naming a bad field. */
export function decideCoverage(raw: unknown, deps: CoverageDeps): CoverageDecision {
  return decideWithNeeds(raw, deps).decision;
}

/** The coverage engine behind the small CoverageEngine interface, for dialogs and the CLI. */
export function createCoverageEngine(knowledgeDir: string, kb: KnowledgeLookup, preloaded?: PreloadedCoverageData): CoverageEngine {
  const deps = buildCoverageDeps(knowledgeDir, kb, preloaded);
  const extractorDeps: ExtractorDeps = {
    parts: deps.parts,
    causes: deps.causes,
    places: deps.places,
    questions: deps.data.questions,
    policyKeywords: [...deps.data.rules.values()].map((r) => ({ policy: r.policy, keywords: r.keywords })),
    weakPolicyKeywords: [...deps.data.rules.values()].map((r) => ({ policy: r.policy, keywords: r.weakKeywords })),
    readable: deps.readable,
  };

  /** True when the customer names a cause the policy excludes, which decides without the part. */
  const excludedWhateverFailed = (facts: CoverageFacts): boolean => {
    const rules = facts.policy && facts.cause ? deps.data.rules.get(facts.policy) : undefined;
    if (!rules || !facts.cause) return false;
    const causes = deps.causes.find(facts.cause).filter((c) => !c.negated && !c.ordinaryUse);
    return exclusionsHit(rules, causes).length > 0;
  };

  const assessFacts = (facts: CoverageFacts, today: string, context: FactContext = {}): Omit<CoverageAssessment, 'extraction'> => {
    const imprecise = context.imprecise ?? [];
    const part = facts.part ?? (excludedWhateverFailed(facts) ? deps.data.questions.partWhenCauseExcludes : undefined);
    if (!facts.policy || !part) {
      return { facts, decision: null, missing: listMissing(deps.data.questions, facts, null, new Set()) };
    }
    const { decision, needs } = decideWithNeeds({ ...facts, part, today }, deps);
    // A month-only date may straddle a boundary: decide at both ends and ask when they differ.
    const latest: CoverageFacts = { ...facts, part };
    for (const span of imprecise) latest[span.field] = span.latest;
    const other = imprecise.length > 0 ? decideWithNeeds({ ...latest, today }, deps).decision : decision;
    const unsure = other.covered !== decision.covered || other.remedy !== decision.remedy;
    const decided: CoverageDecision = unsure
      ? { ...decision, covered: null, remedy: 'ask', reasons: [deps.data.questions.questions.exactDate ?? '', ...decision.reasons].filter(Boolean) }
      : decision;
    if (unsure) needs.add('exactDate');
    const final = { ...decided, basis: inCustomersWords(decided.basis, context.evidence ?? []) };
    return { facts, decision: final, missing: listMissing(deps.data.questions, facts, final, needs) };
  };

  return {
    decide: (input) => decideCoverage(input, deps),
    extractFacts: (text, today, options) => extractFacts(extractorDeps, text, today, options),
    missingFacts: (facts, today) => assessFacts(facts, today).missing,
    assessFacts,
    assess: (text, today, known = {}, options = {}) => {
      const extraction = extractFacts(extractorDeps, text, today, options);
      const facts: CoverageFacts = { ...known, ...extraction.facts };
      // The words behind each fact: this message's, else what earlier turns said.
      const evidence = [...extraction.evidence, ...(options.evidence ?? []).filter((e) => extraction.facts[e.field] === undefined)];
      return { extraction, ...assessFacts(facts, today, { imprecise: extraction.imprecise, evidence }) };
    },
  };
}

/** Each fact the decision used, with the customer's words for it when they said it. */
function inCustomersWords(basis: DecisionBasis[], evidence: FactEvidence[]): DecisionBasis[] {
  return basis.map((b) => {
    const said = evidence.filter((e) => e.field === b.field).map((e) => e.text);
    return said.length > 0 ? { ...b, said: [...new Set(said)].join('；') } : b;
  });
}
