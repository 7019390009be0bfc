import { exclusionsHit, noteDeniedCauses, ruleForPart, rulesOf, type DecisionContext } from './decideRongke.js';
import { addMonths, daysBetween } from './isoDate.js';
import type { PolicyRules } from './rulesSchema.js';
import type { CoverageDecision, Remedy } from './types.js';

/**
 * Decides under the standard after-sales service: free replacement within 90 days of purchase
 * when shipped no more than 9 months ago, replacement after repeated repairs of main hardware,
 * repair after 90 days. The policy states no warranty length, so warrantyEnd stays null and the
 * reasons say so instead of inventing one.
 */
export function decideStandard(set: PolicyRules, ctx: DecisionContext): CoverageDecision {
  const { input, part, b } = ctx;
  const service = (remedy: Remedy) => ruleForPart(rulesOf(set, 'serviceMode').filter((r) => r.remedy === remedy), part.id);
  const finish = (covered: boolean | null, remedy: Remedy, start: string | null): CoverageDecision => {
    const mode = covered === false ? undefined : service(remedy);
    if (mode) b.use(mode);
    return b.build({ covered, remedy, service: mode?.modes ?? [], onsiteHours: null, warrantyStart: start, warrantyEnd: null });
  };

  const coverage = ruleForPart(rulesOf(set, 'partCoverage'), part.id);
  b.fact('part');
  if (coverage?.coverage === 'excluded') {
    b.use(coverage);
    return finish(false, 'not_covered', null);
  }
  const excluded = exclusionsHit(set, ctx.causes);
  if (excluded.length > 0) {
    b.fact('cause', 'purchaseDate');
    for (const { rule, cause } of excluded) b.use(rule, { cause: input.cause ?? cause.text });
    return finish(false, excluded[0]?.rule.remedy ?? 'paid', input.purchaseDate ?? null);
  }
  const unaddressed = ctx.causes.flatMap((cause) =>
    rulesOf(set, 'unaddressedCause').filter((r) => r.causes.includes(cause.id)).map((rule) => ({ rule, cause })),
  );
  if (coverage) b.use(coverage);
  noteDeniedCauses(ctx);
  if (unaddressed.length > 0) {
    b.fact('cause');
    for (const { rule, cause } of unaddressed) b.use(rule, { cause: input.cause ?? cause.text });
    return finish(null, 'ask', input.purchaseDate ?? null);
  }

  const periodUnstated = rulesOf(set, 'periodUnstated')[0];
  const repeated = rulesOf(set, 'repeatedRepairs').find(
    (r) => part.id !== undefined && r.parts.includes(part.id) && (input.repairsInLastYear ?? 0) >= r.minRepairs,
  );
  if (repeated) {
    b.fact('repairsInLastYear', 'purchaseDate');
    b.use(repeated, { repairs: input.repairsInLastYear });
    if (periodUnstated) b.use(periodUnstated);
    return finish(true, 'replace', input.purchaseDate ?? null);
  }
  if (!input.purchaseDate) {
    b.note('needPurchaseDate');
    b.need('purchaseDate');
    return finish(null, 'ask', null);
  }

  // A replacement delivered under this policy restarts the 90-day replacement period.
  b.fact('purchaseDate', 'partHistory');
  const windowStart = input.partHistory?.kind === 'replaced_under_warranty' ? input.partHistory.date : input.purchaseDate;
  const days = daysBetween(windowStart, input.today);
  const vars = { daysSincePurchase: days, factoryDate: input.factoryDate };
  const window = rulesOf(set, 'replacementWindow')[0];
  let remedy: Remedy = 'repair';
  if (window && days <= window.days) {
    // 出库 is not an input: the factory date is its earliest possible day; without it the
    // delivery date (出库 comes before delivery) is the best estimate, said so in the reasons.
    const shipped = input.factoryDate ?? input.deliveryDate;
    b.fact(input.factoryDate ? 'factoryDate' : 'deliveryDate');
    b.use(window, { ...vars, factoryDate: shipped });
    if (!shipped) {
      b.note('needShipDate');
      b.need('factoryDate');
      remedy = 'ask';
    } else {
      if (!input.factoryDate) b.note('shipDateFromDelivery');
      if (input.today <= addMonths(shipped, window.maxShipMonths)) {
        remedy = 'replace';
        b.note('shipWithin', { factoryDate: shipped });
      } else b.note('shipTooOld', { factoryDate: shipped });
    }
  } else {
    const after = rulesOf(set, 'repairAfterWindow')[0];
    if (after) b.use(after, vars);
  }
  if (periodUnstated) b.use(periodUnstated);
  // Within the policy's maintenance period the fault is handled free; the period's length is unstated.
  return finish(true, remedy, input.purchaseDate);
}
