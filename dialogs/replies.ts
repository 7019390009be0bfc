import { MessageFactory, type TurnContext } from 'botbuilder';
import { fallbackPolicy } from '../src/knowledge/loadPolicies.js';
import type { KnowledgeAnswer, KnowledgeBase } from '../src/knowledge/types.js';
import type { Citation, PolicyId } from './dependencies.js';
import { type DialogKnowledge } from './dialogKnowledge.js';
import { compact, compactCue } from './zhYesNo.js';
import { fillTemplate } from '../src/text/template.js';

/** The document title of a policy ("融科联创服务器保修"). */
export function policyTitle(kb: KnowledgeBase, policy: PolicyId): string {
  return kb.policies().find((p) => p.meta.id === policy)?.meta.title ?? policy;
}

/** Citations as quoted lines: title, section, and the clause verbatim. */
export function citationText(citations: Citation[], kb: KnowledgeBase, texts: DialogKnowledge): string {
  if (citations.length === 0) return '';
  const lines = citations.map((c) =>
    fillTemplate(texts.wording.citationLine, { title: policyTitle(kb, c.policy), section: c.section, quote: c.quote }),
  );
  return [texts.wording.citationHeader, ...lines].join('\n');
}

/** Sends a knowledge-base answer (already quoting its clauses) with follow-up actions. */
export async function sendAnswer(context: TurnContext, answer: KnowledgeAnswer, texts: DialogKnowledge): Promise<void> {
  const { policyChoices } = texts.vocab;
  const actions =
    answer.kind === 'ambiguous'
      ? Object.values(policyChoices)
      : answer.kind === 'unsure'
        ? [...answer.suggestions.slice(0, 3), '转人工']
        : [];
  await context.sendActivity(actions.length ? MessageFactory.suggestedActions(actions, answer.text) : answer.text);
}

/** Which policy the customer picked from the policy choices or cues, if any. */
export function recognizePolicy(text: string, texts: DialogKnowledge): PolicyId | undefined {
  const t = compact(text);
  const { policyChoices, policyCues } = texts.vocab;
  const chosen = Object.entries(policyChoices).find(([, choice]) => t === compactCue(choice));
  if (chosen) return chosen[0];
  // In file order: "不是融科" must not count as 融科, so the denials are listed first.
  return Object.entries(policyCues).find(([, cues]) => cues.some((cue) => t.includes(compactCue(cue))))?.[0];
}

/** Infers the policy from a model number's shape, by the `models` pattern in each policy's front matter. */
export function policyFromModel(model: string | undefined, texts: DialogKnowledge): PolicyId | undefined {
  if (!model) return undefined;
  return texts.policies.find((p) => p.models !== undefined && new RegExp(p.models, 'i').test(model))?.id;
}

/** The policy a report is filed under when the customer never named the product (front matter `fallback: yes`). */
export function policyOrFallback(policy: PolicyId | undefined, texts: DialogKnowledge): PolicyId {
  const chosen = policy ?? fallbackPolicy(texts.policies)?.id;
  // loadPolicyMetas refuses knowledge without one; reaching here without a policy is a bug.
  if (chosen === undefined) throw new Error('no policy to file the report under');
  return chosen;
}
