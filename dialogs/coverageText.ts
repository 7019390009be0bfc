import type { KnowledgeBase } from '../src/knowledge/types.js';
import type { CoverageDecisionView, CoverageFacts, RepairReport } from './dependencies.js';
import { type DialogKnowledge } from './dialogKnowledge.js';
import { citationText } from './replies.js';
import { fillTemplate } from '../src/text/template.js';

/** The coverage engine's decision in Chinese, with the clauses it rests on quoted. */
export function decisionText(decision: CoverageDecisionView | null, kb: KnowledgeBase, texts: DialogKnowledge): string {
  const w = texts.wording.coverage;
  if (!decision) return w.cannotDecide;
  const verdict = decision.covered === null ? w.unsure : decision.covered ? w.covered : w.notCovered;
  const lines = [w.decisionHeader + verdict, basisText(decision, texts), ...decision.reasons];
  // The engine's reasons already state the dates and hours; these lines only fill in when they do not.
  const said = decision.reasons.join('');
  if (decision.warrantyEnd && !said.includes(decision.warrantyEnd))
    lines.push(fillTemplate(w.warrantyEnd, { date: decision.warrantyEnd }));
  if (decision.onsiteHours && !said.includes(`${decision.onsiteHours}小时`))
    lines.push(fillTemplate(w.onsite, { hours: decision.onsiteHours }));
  lines.push(citationText(decision.citations, kb, texts));
  return lines.filter(Boolean).join('\n');
}

/** "根据您提供的：购买日期 2025-03-01（您说“去年3月”）、所在地 …": the facts used, in the customer's words. */
export function basisText(decision: CoverageDecisionView, texts: DialogKnowledge): string {
  const w = texts.wording.coverage;
  const said = decision.basis.filter((b) => b.said !== undefined);
  if (said.length === 0) return '';
  const value = (field: string, v: string) =>
    field === 'invoice' ? (v === '无' ? w.invoiceValues.no : w.invoiceValues.yes) : field === 'policy' ? '' : ` ${v}`;
  const facts = said
    .map(
      (b) =>
        `${w.factTitles[b.field] ?? b.field}${value(b.field, b.value)}${fillTemplate(w.saidQuote, { said: b.said ?? '' })}`,
    )
    .join('、');
  return fillTemplate(w.basisLine, { facts });
}

/** What a repair report can start with after a coverage check. */
export function repairPrefill(facts: CoverageFacts, texts: DialogKnowledge): RepairReport {
  if (!facts.part) return {};
  const cause = facts.cause ? `，${facts.cause}` : '';
  return { description: fillTemplate(texts.wording.coverage.prefillDescription, { part: facts.part, cause }) };
}
