import type { ResolvedCause, ResolvedPart } from './catalog.js';
import type { DecisionBuilder } from './decisionBuilder.js';
import { addMonths, maxDate } from './isoDate.js';
import type { ResolvedPlace } from './places.js';
import type { PolicyRules, Rule, RuleKind, RuleOf } from './rulesSchema.js';
import type { CoverageDecision, CoverageInput, FactField, ServiceMode } from './types.js';
import { warrantyStart, type StartRule } from './warrantyStart.js';

export interface DecisionContext {
  input: CoverageInput;
  part: ResolvedPart;
  /** Causes asserted by the customer (denied ones removed). */
  causes: ResolvedCause[];
  /** Undefined when no city was given; resolution may still have failed (tier undefined). */
  place: ResolvedPlace | 'unknown' | undefined;
  b: DecisionBuilder;
}

/** Rules of one kind, in file order. */
export function rulesOf<K extends RuleKind>(set: PolicyRules, kind: K): RuleOf<K>[] {
  return set.rules.filter((r): r is RuleOf<K> => r.kind === kind);
}

/** The first rule whose parts list names the part, else the catch-all ('*') one. */
export function ruleForPart<T extends { parts: string[] | '*' }>(rules: T[], partId: string | undefined): T | undefined {
  return rules.find((r) => partId !== undefined && r.parts !== '*' && r.parts.includes(partId)) ?? rules.find((r) => r.parts === '*');
}

/** Exclusion rules hit by the customer's causes, e.g. 进水 → 水浸或潮湿环境. */
export function exclusionsHit(set: PolicyRules, causes: ResolvedCause[]): { rule: RuleOf<'exclusion'>; cause: ResolvedCause }[] {
  return causes.flatMap((cause) => rulesOf(set, 'exclusion').filter((r) => r.causes.includes(cause.id)).map((rule) => ({ rule, cause })));
}

/** Decides under the 融科联创 server warranty. */
export function decideRongke(set: PolicyRules, ctx: DecisionContext): CoverageDecision {
  const { input, part, b } = ctx;
  const notCovered = (remedy: CoverageDecision['remedy'], start: string | null, end: string | null) =>
    b.build({ covered: false, remedy, service: [], onsiteHours: null, warrantyStart: start, warrantyEnd: end });

  const coverage = ruleForPart(rulesOf(set, 'partCoverage'), part.id);
  const started = warrantyStart(input, rulesOf(set, 'warrantyStart'));
  const start = started.ok ? started.start : null;
  const wholeMachineMonths = rulesOf(set, 'partCoverage').find((r) => r.coverage === 'covered')?.months ?? 36;
  const machineEnd = start ? addMonths(start, coverage?.months ?? wholeMachineMonths) : null;

  b.fact('part');
  if (coverage?.coverage === 'excluded') {
    b.use(coverage);
    return notCovered('not_covered', null, null);
  }

  const applicability = rulesOf(set, 'applicability')[0];
  if (applicability) {
    const produced = input.factoryDate ?? input.purchaseDate;
    if (produced && produced < applicability.producedOnOrAfter) {
      b.fact(input.factoryDate ? 'factoryDate' : 'purchaseDate');
      b.use(applicability, { factoryDate: input.factoryDate ?? `${input.purchaseDate}（购买日）之前` });
      return notCovered('not_covered', null, null);
    }
  }

  const excluded = exclusionsHit(set, ctx.causes);
  if (excluded.length > 0) {
    b.fact('cause');
    for (const { rule, cause } of excluded) b.use(rule, { cause: input.cause ?? cause.text });
    return notCovered(excluded[0]?.rule.remedy ?? 'not_covered', start, machineEnd);
  }
  noteDeniedCauses(ctx);

  // Which period applies to this very part: the machine's, a repaired part's minimum, or an added part's year.
  let end = machineEnd;
  let onsiteAllowed = true;
  let periodRule: Rule | undefined;
  const history = input.partHistory;
  if (history && machineEnd) {
    if (history.kind === 'replaced_under_warranty') {
      const rule = rulesOf(set, 'repairedPart')[0];
      if (rule) {
        end = maxDate(machineEnd, addMonths(history.date, rule.minMonths));
        onsiteAllowed = rule.onsite || input.today <= machineEnd;
        periodRule = rule;
      }
    } else {
      const when = history.kind === 'added' && history.date <= machineEnd ? 'in_warranty' : 'after_warranty';
      const rule = rulesOf(set, 'addedPart').find((r) => r.when === when);
      if (rule) {
        end = addMonths(history.date, rule.months);
        onsiteAllowed = rule.onsite;
        periodRule = rule;
      }
    }
  }
  const vars = { start: start ?? undefined, end: end ?? undefined, partDate: history?.date };

  b.fact(...startFacts(started.rule?.basis), 'partHistory');
  if (started.ok) b.use(started.rule, vars);
  else {
    if (started.rule) b.cite(started.rule);
    b.note(started.missing.includes('purchaseDate') ? 'needStartDate' : 'needFactoryDate');
    for (const f of started.missing) b.need(f);
  }
  if (started.ok && started.rule.basis === 'invoice' && !input.factoryDate) {
    b.note('invoiceAssumed');
    b.need('factoryDate');
  }
  if (coverage && (start || coverage.coverage !== 'covered')) b.use(coverage, vars);
  else if (coverage) {
    b.cite(coverage);
    b.note('coveredPartNoDates', { part: part.name });
  }
  if (periodRule) b.use(periodRule, vars);

  if (end && input.today > end) {
    const expired = rulesOf(set, 'expired')[0];
    if (expired) b.use(expired, vars);
    return notCovered(expired?.remedy ?? 'paid', start, end);
  }

  const covered = coverage?.coverage === 'covered' && end !== null ? true : null;
  if (covered) {
    const inWarranty = rulesOf(set, 'inWarranty')[0];
    if (inWarranty) b.use(inWarranty, vars);
  }
  const mode = ruleForPart(rulesOf(set, 'serviceMode'), part.id);
  let service: ServiceMode[] = mode?.modes ?? [];
  if (mode) b.use(mode);
  if (mode?.modes.includes('onsite') && mode.modes.includes('ship_replacement')) b.need('hotSwap');
  if (!onsiteAllowed && service.includes('onsite')) {
    service = service.filter((s) => s !== 'onsite');
    if (history?.kind === 'replaced_under_warranty') b.note('extensionNoOnsite');
  }
  const onsiteHours = service.includes('onsite') ? onsiteTime(set, ctx) : null;
  if (covered) {
    const phone = rulesOf(set, 'phoneResponse')[0];
    if (phone) b.use(phone);
  }
  return b.build({ covered, remedy: covered ? 'repair' : 'ask', service, onsiteHours, warrantyStart: start, warrantyEnd: end });
}

/** The facts a warranty start rests on, by the rule that set it. */
function startFacts(basis: StartRule['basis'] | undefined): FactField[] {
  switch (basis) {
    case 'invoice':
      return ['purchaseDate', 'invoice', 'factoryDate'];
    case 'factory_no_invoice':
      return ['invoice', 'factoryDate'];
    case 'factory_invoice_after_delivery':
      return ['purchaseDate', 'deliveryDate', 'factoryDate'];
    case 'factory_gap':
      return ['purchaseDate', 'factoryDate'];
    case undefined:
      return ['purchaseDate', 'factoryDate', 'invoice'];
  }
}

/** "您说明了没有「雷击」的情况": a cause the customer ruled out is said back, and used. */
export function noteDeniedCauses(ctx: DecisionContext): void {
  const denied = ctx.input.deniedCauses ?? [];
  if (denied.length === 0) return;
  ctx.b.fact('deniedCauses');
  ctx.b.note('negatedCause', { cause: denied.join('、') });
}

/** On-site response hours for the customer's place, or null with the reason why. */
function onsiteTime(set: PolicyRules, ctx: DecisionContext): number | null {
  const { place, b } = ctx;
  if (place === undefined) {
    b.note('noCity');
    b.need('city');
    return null;
  }
  if (place === 'unknown') {
    b.note('unknownPlace', { city: ctx.input.city });
    b.need('city');
    return null;
  }
  if (place.ambiguous) {
    b.note('ambiguousPlace', { place: place.matched, candidates: place.ambiguous.join('、') });
    b.need('city');
    return null;
  }
  if (!place.tier) {
    b.note('provinceOnly', { place: place.name });
    b.need('city');
    return null;
  }
  const rule = rulesOf(set, 'onsiteTime').find((r) => r.tier === place.tier);
  if (!rule) return null;
  b.fact('city');
  b.use(rule, { place: place.name });
  return rule.hours;
}
