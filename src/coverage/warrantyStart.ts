import { moreThanMonthsApart } from './isoDate.js';
import type { RuleOf } from './rulesSchema.js';
import type { CoverageInput } from './types.js';

export type StartRule = RuleOf<'warrantyStart'>;

export type StartResult =
  | { ok: true; start: string; rule: StartRule }
  | { ok: false; missing: ('purchaseDate' | 'factoryDate')[]; rule?: StartRule };

/**
 * rongke-server warranty start (保修期 1-2): the invoice date; the factory date when there is
 * no invoice (none given, or the customer says it is lost or was never issued), when the
 * invoice is later than delivery, or when invoice and factory dates are more than the allowed
 * months apart. Rules are looked up by basis from the rules file.
 */
export function warrantyStart(input: CoverageInput, rules: StartRule[]): StartResult {
  const rule = (basis: StartRule['basis']) => rules.find((r) => r.basis === basis);
  const byFactory = (r: StartRule | undefined): StartResult =>
    !r ? { ok: false, missing: [] } : input.factoryDate ? { ok: true, start: input.factoryDate, rule: r } : { ok: false, missing: ['factoryDate'], rule: r };

  if (input.invoice === false) return byFactory(rule('factory_no_invoice'));
  if (!input.purchaseDate) {
    const r = rule('factory_no_invoice');
    // With neither date the clause to quote is the main one: the warranty runs from the invoice date.
    return input.factoryDate && r ? { ok: true, start: input.factoryDate, rule: r } : { ok: false, missing: ['purchaseDate', 'factoryDate'], rule: rule('invoice') ?? r };
  }
  if (input.deliveryDate && input.purchaseDate > input.deliveryDate) return byFactory(rule('factory_invoice_after_delivery'));
  const gap = rule('factory_gap');
  if (gap && input.factoryDate && moreThanMonthsApart(input.purchaseDate, input.factoryDate, gap.maxGapMonths ?? 3)) return byFactory(gap);
  const invoice = rule('invoice');
  return invoice ? { ok: true, start: input.purchaseDate, rule: invoice } : { ok: false, missing: [] };
}
