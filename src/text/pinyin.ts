/** Each character's usual toneless reading (knowledge/text/pinyin-readings.txt). */
export type Readings = ReadonlyMap<string, string>;

/**
 * Toneless pinyin of each character of a CJK run, by each character's usual reading. Typo
 * mending compares readings on both sides (保修 and 宝修 read bao xiu), so usual readings suffice.
 */
export function syllablesOf(run: string, readings: Readings): string[] {
  return [...run].map((ch) => readings.get(ch) ?? ch);
}

const hanRun = /\p{Script=Han}+/gu;
// Latin words separated by spaces: a candidate stretch of typed pinyin.
const latinRun = /[a-z]+(?: +[a-z]+)*/g;

export interface PinyinData {
  /** Every valid toneless syllable (v for ü). */
  syllables: ReadonlySet<string>;
  /** Each character's usual reading. */
  readings: Readings;
  /** Words a homophone typo may stand for (保修, 硬盘, 发票…), best first when two sound alike. */
  typoTargets: readonly string[];
  /** Single syllables typed alone and the character they usually mean (de → 的). */
  chars: Readonly<Record<string, string>>;
  /** Key terms whose initials alone stand for them when they are the whole message (rg → 人工). */
  initials: readonly string[];
}

/** Words with a weight: how common the word is in the bot's own texts. */
export type Vocabulary = () => ReadonlyMap<string, number>;

/**
 * Reads pinyin the way customers type it: homophone typos of domain words (宝修 → 保修, 发漂 → 发票),
 * whole messages in pinyin ("bao xiu duo jiu" → 保修多久) and the initials of a few command words.
 * Works on normalised (lower-case, simplified) text and leaves everything it cannot read alone.
 */
export class PinyinReader {
  private readonly typoIndex = new Map<string, string>();
  /** Lengths of the typo targets by their first syllable, longest first: most syllables start none. */
  private readonly typoLengths = new Map<string, number[]>();
  private readonly initialsIndex = new Map<string, string>();
  private lexicon: { byKey: Map<string, { word: string; weight: number }>; maxKey: number } | undefined;

  constructor(
    private readonly data: PinyinData,
    /** True when the text is a word in its own right (then it is no typo). */
    private readonly isWord: (text: string) => boolean,
    private readonly vocabulary: Vocabulary,
  ) {
    for (const word of data.typoTargets) {
      const syllables = syllablesOf(word, data.readings);
      const key = syllables.join(' ');
      if (!this.typoIndex.has(key)) this.typoIndex.set(key, word);
      const first = syllables[0] ?? '';
      const lengths = this.typoLengths.get(first) ?? [];
      if (!lengths.includes(syllables.length)) this.typoLengths.set(first, [...lengths, syllables.length]);
    }
    for (const lengths of this.typoLengths.values()) lengths.sort((a, b) => b - a);
    for (const word of data.initials) {
      const key = syllablesOf(word, data.readings)
        .map((s) => s[0])
        .join('');
      if (!this.initialsIndex.has(key)) this.initialsIndex.set(key, word);
    }
  }

  /** The text with pinyin read as characters and homophone typos of domain words mended. */
  read(normalized: string): string {
    const whole = normalized.replace(/\s+/g, '');
    const command = /^[a-z]{2,4}$/.test(whole) ? this.initialsIndex.get(whole) : undefined;
    if (command) return command;
    const converted = /[a-z]/.test(normalized)
      ? normalized.replace(latinRun, (run) => this.fromPinyin(run))
      : normalized;
    return converted.replace(hanRun, (run) => this.mendTypos(run));
  }

  /** Replaces windows that sound like a domain word but are not words themselves. */
  private mendTypos(run: string): string {
    const chars = [...run];
    if (chars.length < 2 || this.typoIndex.size === 0) return run;
    const syllables = syllablesOf(run, this.data.readings);
    let out = '';
    for (let i = 0; i < chars.length;) {
      let replaced = false;
      for (const n of this.typoLengths.get(syllables[i] ?? '') ?? []) {
        if (n < 2 || n > chars.length - i) continue;
        const window = chars.slice(i, i + n).join('');
        const target = this.typoIndex.get(syllables.slice(i, i + n).join(' '));
        if (target === undefined) continue;
        if (target !== window && !this.isWord(window) && !this.cutsWord(chars, i, n)) out += target;
        else out += window;
        i += n;
        replaced = true;
        break;
      }
      if (!replaced) out += chars[i++];
    }
    return out;
  }

  /**
   * True when the window chars[i, i+n) straddles two words, each edge character belonging to a
   * word outside it ("一直报警": 直报 sounds like 质保, but 一直 and 报警 are words). One edge is
   * not enough ("在保秀期": 在保 is a word, yet 保秀 is 保修 mistyped). The characters then stand.
   */
  private cutsWord(chars: readonly string[], i: number, n: number): boolean {
    const before = i > 0 ? this.isWord(`${chars[i - 1] ?? ''}${chars[i] ?? ''}`) : undefined;
    const after = i + n < chars.length ? this.isWord(`${chars[i + n - 1] ?? ''}${chars[i + n] ?? ''}`) : undefined;
    return before !== false && after !== false && (before === true || after === true);
  }

  /** A stretch of Latin words read as pinyin, when it is pinyin; otherwise the stretch unchanged. */
  private fromPinyin(run: string): string {
    const words = run.split(' ');
    const splits = words.map((w) => this.splitSyllables(w));
    if (splits.some((s) => s === undefined)) return this.fromPinyinParts(words, splits, run);
    return this.convert(
      splits.flatMap((s) => s ?? []),
      run,
    );
  }

  /** Mixed stretches ("response time"): convert only the sub-runs of pinyin words. */
  private fromPinyinParts(words: string[], splits: (string[] | undefined)[], run: string): string {
    const out: string[] = [];
    let pending: string[] = [];
    let pendingWords: string[] = [];
    const flush = () => {
      if (pendingWords.length) out.push(this.convert(pending, pendingWords.join(' ')));
      pending = [];
      pendingWords = [];
    };
    words.forEach((word, i) => {
      const split = splits[i];
      if (split) {
        pending.push(...split);
        pendingWords.push(word);
      } else {
        flush();
        out.push(word);
      }
    });
    flush();
    const joined = out.join(' ');
    return joined === run ? run : joined;
  }

  /** Syllables of one typed word ("xunjian" → xun jian), fewest syllables first; undefined when not pinyin. */
  private splitSyllables(word: string): string[] | undefined {
    const best: (string[] | undefined)[] = [[]];
    for (let end = 1; end <= word.length; end++) {
      for (let start = Math.max(0, end - 6); start < end; start++) {
        const prefix = best[start];
        const syllable = word.slice(start, end);
        if (!prefix || !this.data.syllables.has(syllable)) continue;
        const candidate = [...prefix, syllable];
        const current = best[end];
        if (!current || candidate.length < current.length) best[end] = candidate;
      }
    }
    return best[word.length];
  }

  /**
   * Syllables to characters through the vocabulary: the reading covering most syllables with
   * known words wins. A stretch where fewer than half the syllables form known words is left as
   * typed (English words such as "time" are pinyin-shaped too).
   */
  private convert(syllables: string[], original: string): string {
    if (syllables.length < 2) return original;
    const { byKey, maxKey } = this.getLexicon();
    const best: ({ score: number; covered: number; text: string } | undefined)[] = [{ score: 0, covered: 0, text: '' }];
    for (let end = 1; end <= syllables.length; end++) {
      for (let start = Math.max(0, end - maxKey); start < end; start++) {
        const prefix = best[start];
        if (!prefix) continue;
        const n = end - start;
        const key = syllables.slice(start, end).join(' ');
        const entry = byKey.get(key);
        const single = n === 1 ? this.data.chars[key] : undefined;
        if (!entry && !single) continue;
        const text = entry?.word ?? single ?? '';
        const gain = entry ? n * n + Math.log1p(entry.weight) / 100 : 0.1;
        const candidate = {
          score: prefix.score + gain,
          covered: prefix.covered + (entry && n > 1 ? n : 0),
          text: prefix.text + text,
        };
        const current = best[end];
        if (!current || candidate.score > current.score) best[end] = candidate;
      }
    }
    const result = best[syllables.length];
    if (!result || result.covered * 2 < syllables.length) return original;
    return result.text;
  }

  private getLexicon(): { byKey: Map<string, { word: string; weight: number }>; maxKey: number } {
    if (this.lexicon) return this.lexicon;
    const byKey = new Map<string, { word: string; weight: number }>();
    let maxKey = 1;
    for (const [word, weight] of this.vocabulary()) {
      if (!/^\p{Script=Han}+$/u.test(word)) continue;
      const syllables = syllablesOf(word, this.data.readings);
      const key = syllables.join(' ');
      const known = byKey.get(key);
      if (!known || weight > known.weight) byKey.set(key, { word, weight });
      maxKey = Math.max(maxKey, syllables.length);
    }
    this.lexicon = { byKey, maxKey: Math.min(maxKey, 8) };
    return this.lexicon;
  }
}
