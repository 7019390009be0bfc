import { AppError } from '../errors.js';
import { fillTemplate, type TemplateValues } from '../text/template.js';
import type { Citation, KnowledgeBase, PolicyId } from '../knowledge/types.js';
import type { PolicyRules, Rule } from './rulesSchema.js';

export type KnowledgeLookup = Pick<KnowledgeBase, 'findClause' | 'cite'>;

/** Values put into reason templates: {start}, {part}, {hours} … */
export type TemplateVars = TemplateValues;

/** Fills a reason template; a value the customer has not given shows as "未知". */
export function fillReason(template: string, vars: TemplateVars): string {
  return fillTemplate(template, vars, '未知');
}

/**
 * Turns each rule's source (section prefix + verbatim phrase) into a citation through the
 * knowledge base. Every source is resolved when the engine is built, so a rule pointing at
 * text that is not in the policy stops start-up instead of producing a false quote.
 */
export class RuleCiter {
  private readonly citations = new Map<string, Citation>();

  constructor(kb: KnowledgeLookup, rules: PolicyRules[]) {
    for (const set of rules) {
      for (const rule of set.rules) {
        const clause = kb.findClause(set.policy, rule.source.section, rule.source.quote);
        if (!clause) {
          throw new AppError(
            'bad_document',
            `${set.policy}/coverage.json: rule ${rule.id} quotes text not found in section ${rule.source.section.join(' › ')}`,
            { rule: rule.id, quote: rule.source.quote },
          );
        }
        // The phrase is a verbatim substring of the clause, which is verbatim from the Markdown.
        this.citations.set(this.key(set.policy, rule), { ...kb.cite(clause), quote: rule.source.quote });
      }
    }
  }

  private key(policy: PolicyId, rule: Rule): string {
    return `${policy}:${rule.id}`;
  }

  /** The citation for a rule (validated at construction). */
  cite(policy: PolicyId, rule: Rule): Citation {
    const c = this.citations.get(this.key(policy, rule));
    if (!c) throw new AppError('internal', `rule ${rule.id} of ${policy} was not validated`);
    return c;
  }
}
