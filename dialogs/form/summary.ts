import type { KnowledgeBase } from '../../src/knowledge/types.js';
import type { CoverageDecisionView } from '../dependencies.js';
import { type DialogKnowledge } from '../dialogKnowledge.js';
import { citationText } from '../replies.js';
import { factValue, type FormDecision } from './formFacts.js';
import type { FormState } from './formState.js';
import { fillTemplate } from '../../src/text/template.js';

// The summary quotes the clauses the verdict rests on first (warranty start and period), not all of them.
const summaryCitations = 2;

/** "在保修范围内（保修期至 2028-04-18）" and the like. */
export function verdictText(decision: CoverageDecisionView | null, texts: DialogKnowledge): string {
  const w = texts.wording.coverage;
  if (!decision) return w.cannotDecide;
  const verdict = decision.covered === null ? w.unsure : decision.covered ? w.covered : w.notCovered;
  return decision.warrantyEnd ? `${verdict}${fillTemplate(w.warrantyEnd, { date: decision.warrantyEnd })}` : verdict;
}

/** The facts the decision rests on, each with the customer's words. */
function factLines(result: FormDecision, texts: DialogKnowledge): string[] {
  const { factTitles, saidQuote } = texts.wording.coverage;
  const { factLine } = texts.wording.repair;
  const lines: string[] = [];
  for (const [field, value] of Object.entries(result.facts)) {
    if (value === undefined || field === 'policy' || (field === 'part' && result.partAssumed)) continue;
    const said = result.evidence.filter((e) => e.field === field).map((e) => e.text);
    const quote = said.length ? fillTemplate(saidQuote, { said: [...new Set(said)].join('；') }) : '';
    lines.push(
      fillTemplate(factLine, { title: factTitles[field] ?? field, value: `${factValue(field, value, texts)}${quote}` }),
    );
  }
  return lines;
}

/**
 * The summary the customer confirms: every item, the product, the facts for the warranty in
 * their words, a first verdict with the clauses it rests on, and the facts still worth giving.
 */
export function summaryText(
  state: FormState,
  result: FormDecision,
  texts: DialogKnowledge,
  kb: KnowledgeBase,
  policyTitle: string,
): string {
  const { repair } = texts.wording;
  const lines = texts.form.map((f) => `${f.title}：${state.report[f.key] ?? repair.notProvided}`);
  lines.unshift(repair.summaryHeader);
  lines.push(fillTemplate(repair.summaryPolicy, { title: policyTitle }));
  const facts = factLines(result, texts);
  if (facts.length) lines.push(repair.factsHeader, ...facts);
  lines.push(fillTemplate(repair.coverageLine, { verdict: verdictText(result.decision, texts) }));
  if (result.partAssumed && result.decision) lines.push(repair.partAssumed);
  if (result.decision) lines.push(citationText(result.decision.citations.slice(0, summaryCitations), kb, texts));
  if (result.ask.length)
    lines.push(fillTemplate(repair.askFacts, { questions: result.ask.map((m) => m.question).join('') }));
  lines.push(repair.summaryFooter);
  return lines.filter(Boolean).join('\n');
}
