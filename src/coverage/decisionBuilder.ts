import type { Citation, PolicyId } from '../knowledge/types.js';
import { fillReason, type RuleCiter, type TemplateVars } from './citeRules.js';
import type { Rule } from './rulesSchema.js';
import type { CoverageDecision, CoverageInput, DecisionBasis, FactField, MissingFact, Remedy, ServiceMode } from './types.js';

/** Collects reasons and citations while a policy's rules are applied, then builds the decision. */
export class DecisionBuilder {
  private readonly reasons: string[] = [];
  private readonly citations: Citation[] = [];
  readonly needs = new Set<MissingFact['field']>();
  private readonly used: FactField[] = ['policy'];

  constructor(
    private readonly policy: PolicyId,
    private readonly citer: RuleCiter,
    private readonly notes: Record<string, string>,
    readonly vars: TemplateVars,
    private readonly input?: CoverageInput,
  ) {}

  /** Records that the decision rested on these facts (those the input has). */
  fact(...fields: FactField[]): void {
    for (const f of fields) if (this.input?.[f] !== undefined && !this.used.includes(f)) this.used.push(f);
  }

  /** Records that a rule applied: its reason sentence and its clause. */
  use(rule: Rule, extra: TemplateVars = {}): void {
    const reason = fillReason(rule.reason, { ...this.vars, ...extra });
    if (!this.reasons.includes(reason)) this.reasons.push(reason);
    this.cite(rule);
  }

  /** Records a rule's clause only: its reason sentence needs dates the customer has not given. */
  cite(rule: Rule): void {
    const c = this.citer.cite(this.policy, rule);
    if (!this.citations.some((x) => x.section === c.section && x.quote === c.quote)) this.citations.push(c);
  }

  /** A reason that rests on no clause (a fact is missing or was not understood). */
  note(key: string, extra: TemplateVars = {}): void {
    const template = this.notes[key];
    if (template) this.reasons.push(fillReason(template, { ...this.vars, ...extra }));
  }

  need(field: MissingFact['field']): void {
    this.needs.add(field);
  }

  build(d: {
    covered: boolean | null;
    remedy: Remedy;
    service: ServiceMode[];
    onsiteHours: number | null;
    warrantyStart: string | null;
    warrantyEnd: string | null;
  }): CoverageDecision {
    return { ...d, service: [...new Set(d.service)], reasons: [...this.reasons], citations: [...this.citations], basis: this.basis() };
  }

  private basis(): DecisionBasis[] {
    const input = this.input;
    if (!input) return [];
    return this.used.map((field) => ({ field, value: showValue(input[field]) }));
  }
}

function showValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? '有' : '无';
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
