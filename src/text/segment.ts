import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { isCjk, isWordLike, normalizeText } from './normalize.js';
import { PinyinReader, type PinyinData } from './pinyin.js';
import { corpusTexts, countWords, loadPinyinData } from './pinyinData.js';
import { loadSynonyms, type SynonymMap } from './synonyms.js';
import type { TextSnapshot } from './textSnapshot.js';

/** Reads a one-entry-a-line data file, dropping blank lines and # comments. */
export function readLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

// One jieba instance per process: loading the 5 MB dictionary costs ~150 ms.
let sharedJieba: { jieba: Jieba; userDict: string } | undefined;

/**
 * jieba's own dictionary, read here and let go once loaded: '@node-rs/jieba/dict.js' would also
 * read its 6 MB idf file, and keep both buffers (11 MB) for the life of the process.
 */
function jiebaDictionary(): Buffer {
  return readFileSync(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.txt'));
}

function jiebaWith(userDict: string): Jieba {
  if (sharedJieba && sharedJieba.userDict === userDict) return sharedJieba.jieba;
  const jieba = Jieba.withDict(jiebaDictionary());
  if (userDict) jieba.loadDict(Buffer.from(userDict, 'utf8'));
  sharedJieba = { jieba, userDict };
  return jieba;
}

/** How many texts' readings are kept (a turn reads its message several times; training reads thousands once). */
const RECENT_READINGS = 64;

/** How pinyin is read, and the words it may be read as (built on first use: most messages have no pinyin). */
export interface PinyinSetup {
  data: PinyinData;
  /** Words with a weight, given a word cutter; called once, the first time a message holds pinyin. */
  vocabulary: (cut: (text: string) => string[]) => ReadonlyMap<string, number>;
}

/**
 * Chinese text to tokens: normalise, read pinyin and mend homophone typos of domain words, map
 * synonyms to canonical words, cut with jieba (HMM on, domain dictionary added) and drop
 * punctuation and stop words.
 */
export class Segmenter {
  private readonly jieba: Jieba;
  private readonly pinyin: PinyinReader | undefined;
  private readonly recentlyRead = new Map<string, string>();

  constructor(
    readonly synonyms: SynonymMap,
    domainWords: string[],
    private readonly stopwords: ReadonlySet<string>,
    pinyin?: PinyinSetup,
    /** Results saved at build time for knowledge/'s texts (src/text/textSnapshot.ts). */
    private readonly snapshot?: TextSnapshot,
  ) {
    // Dictionary entries are lower-cased because matching runs on normalised text.
    const userDict = domainWords
      .map((line) => {
        const [word = '', ...rest] = line.split(/\s+/);
        return [normalizeText(word), ...rest].join(' ');
      })
      .join('\n');
    this.jieba = jiebaWith(userDict);
    const jieba = this.jieba;
    // Without the HMM, text jieba does not know comes out as single characters.
    const isWord = (text: string) => jieba.cut(text, false).length === 1;
    this.pinyin =
      pinyin &&
      new PinyinReader(pinyin.data, isWord, () => pinyin.vocabulary((text) => jieba.cut(normalizeText(text), false)));
  }

  /** Normalised text with pinyin read and typos of domain words mended (what customers meant to type). */
  readable(text: string): string {
    // One message is read by the matcher, the ranker and the answer decision: read it once.
    const recent = this.recentlyRead.get(text);
    if (recent !== undefined) return recent;
    const read = this.snapshot?.known('readable', text) ?? this.read(text);
    if (this.recentlyRead.size >= RECENT_READINGS) this.recentlyRead.clear();
    this.recentlyRead.set(text, read);
    // Reading is idempotent (a mended word reads as itself), and callers pass the reading back in
    // (the matcher canonicalises and cuts what it read): read text needs no second pass.
    this.recentlyRead.set(read, read);
    return read;
  }

  private read(text: string): string {
    const normalized = normalizeText(text);
    const read = this.pinyin ? this.pinyin.read(normalized) : normalized;
    this.snapshot?.learn('readable', text, read);
    return read;
  }

  /** Normalised, pinyin-read, synonym-canonical form of the text (what gets segmented). */
  canonical(text: string): string {
    return this.synonyms.canonicalize(this.readable(text));
  }

  /** Content words of the text, in order. */
  tokens(text: string): string[] {
    const known = this.snapshot?.known('tokens', text);
    if (known) return known;
    const words = this.contentWords(this.jieba.cut(this.canonical(text), true));
    this.snapshot?.learn('tokens', text, words);
    return words;
  }

  /** `cut` comes from normalised text, so its pieces need no second normalisation. */
  private contentWords(cut: string[]): string[] {
    return cut
      .map((t) => this.synonyms.canonicalOfNormalized(t.trim()))
      .filter((t) => t && isWordLike(t) && !this.stopwords.has(t));
  }

  /** Every word of the normalised text with its part-of-speech tag, spaces and punctuation included (no synonyms). */
  tag(text: string): { word: string; tag: string }[] {
    return this.jieba.tag(normalizeText(text), true);
  }

  /** The shorter words inside a compound (机箱风扇 → 机箱, 风扇); empty for a simple word. */
  subwords(word: string): string[] {
    if (word.length <= 2) return [];
    return this.contentWords(this.jieba.cutForSearch(word, true)).filter((w) => w !== word);
  }

  /**
   * Retrieval terms: the content words (and the words inside compounds) plus the single characters of multi-character
   * Chinese words, so a partial or differently-cut word still matches.
   */
  terms(text: string): string[] {
    const known = this.snapshot?.known('terms', text);
    if (known) return known;
    // Search mode also emits the parts of compounds (机箱风扇 yields 风扇 too); it runs per
    // content word so the parts of stop words (多长时间 → 时间) do not come back.
    const words = this.tokens(text).flatMap((w) => [w, ...this.subwords(w)]);
    const chars: string[] = [];
    for (const w of words) {
      if (w.length > 1 && isCjk(w[0] ?? '')) {
        for (const ch of w) if (isCjk(ch) && !this.stopwords.has(ch)) chars.push(`#${ch}`);
      }
    }
    const terms = [...words, ...chars];
    this.snapshot?.learn('terms', text, terms);
    return terms;
  }
}

/**
 * Builds the segmenter from knowledge/text (synonyms, dictionary, stop words, pinyin), with extra
 * synonym groups if given, and the build step's results if a snapshot made for them is passed.
 */
export function createSegmenter(
  knowledgeDir: string,
  extraSynonyms: readonly string[][] = [],
  snapshot?: TextSnapshot,
): Segmenter {
  const textDir = join(knowledgeDir, 'text');
  const synonyms = loadSynonyms(knowledgeDir, extraSynonyms);
  const dictionary = readLines(join(textDir, 'dictionary.txt'));
  const stopwords = readLines(join(textDir, 'stopwords.txt')).map(normalizeText);
  const pinyin = loadPinyinData(knowledgeDir, dictionary);
  const vocabulary = (cut: (text: string) => string[]) =>
    countWords(
      cut,
      [...dictionary.map((l) => l.split(/\s+/)[0] ?? ''), ...synonyms.allVariants(), ...stopwords],
      corpusTexts(knowledgeDir),
    );
  return new Segmenter(synonyms, dictionary, new Set(stopwords), { data: pinyin, vocabulary }, snapshot);
}
