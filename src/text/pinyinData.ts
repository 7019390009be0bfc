import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { normalizeText } from './normalize.js';
import type { PinyinData } from './pinyin.js';
import { readLines } from './segment.js';
import { readJsonFile } from '../knowledge/readJsonFile.js';

const pinyinFileSchema = z.object({
  typoTargets: z.array(z.string().regex(/^\p{Script=Han}{2,8}$/u)),
  chars: z.record(z.string().regex(/^[a-z]+$/), z.string().regex(/^\p{Script=Han}$/u)),
  initials: z.array(z.string().regex(/^\p{Script=Han}{2,4}$/u)),
});

/**
 * Loads knowledge/text/pinyin.json and pinyin-syllables.txt. The dictionary's domain words are
 * typo targets too, after the listed ones (which win when two words sound alike).
 */
export function loadPinyinData(knowledgeDir: string, dictionaryLines: string[]): PinyinData {
  const file = join(knowledgeDir, 'text', 'pinyin.json');
  const data = readJsonFile(file, pinyinFileSchema);
  const dictionaryWords = dictionaryLines
    .map((l) => normalizeText(l.split(/\s+/)[0] ?? ''))
    .filter((w) => /^\p{Script=Han}{2,8}$/u.test(w));
  return {
    syllables: new Set(readLines(join(knowledgeDir, 'text', 'pinyin-syllables.txt'))),
    readings: loadReadings(join(knowledgeDir, 'text', 'pinyin-readings.txt')),
    typoTargets: [...new Set([...data.typoTargets.map(normalizeText), ...dictionaryWords])],
    chars: data.chars,
    initials: data.initials,
  };
}

/** Every string value inside a JSON document (utterance lists, wording…). */
function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(jsonStrings);
  return [];
}

function filesUnder(dir: string, ending: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, ending);
    return name.endsWith(ending) ? [path] : [];
  });
}

/** The bot's own texts (policies and training utterances): what pinyin is most likely to mean. */
export function corpusTexts(knowledgeDir: string): () => string[] {
  return () => [
    ...filesUnder(join(knowledgeDir, 'policies'), '.md').map((f) => readFileSync(f, 'utf8')),
    ...filesUnder(join(knowledgeDir, 'nlu'), '.json').flatMap((f) => jsonStrings(JSON.parse(readFileSync(f, 'utf8')))),
  ];
}

/** Word frequencies over the texts, with the listed words present at least once. */
export function countWords(
  cut: (text: string) => string[],
  listed: string[],
  texts: () => string[],
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of listed) counts.set(normalizeText(word), Math.max(1, counts.get(word) ?? 0));
  for (const text of texts()) for (const word of cut(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** Reads "reading<TAB>characters" lines into a character → reading map. */
function loadReadings(file: string): Map<string, string> {
  const readings = new Map<string, string>();
  for (const line of readLines(file)) {
    const [reading, chars] = line.split('\t');
    if (!reading || !chars || !/^[a-z]+$/.test(reading))
      throw new AppError('bad_document', `${file}: expected "reading<TAB>characters", got "${line.slice(0, 40)}"`, {
        file,
      });
    for (const ch of chars) readings.set(ch, reading);
  }
  return readings;
}
