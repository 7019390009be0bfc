/**
 * Regenerates knowledge/text/pinyin-readings.txt (each CJK character's usual toneless reading,
 * grouped by reading) and knowledge/text/pinyin-syllables.txt (the readings themselves) from
 * pinyin-pro. The bot reads pinyin and mends homophone typos with these tables; deriving them
 * once keeps pinyin-pro's 26 MB dictionary and its load time out of the running server.
 *
 *   npm run -s regenerate:pinyin
 *
 * Review the diff before committing the result.
 */
import { writeFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';

const byReading = new Map<string, string[]>();
// CJK Unified Ideographs: every character customers type in practice.
for (let code = 0x4e00; code <= 0x9fff; code++) {
  const ch = String.fromCodePoint(code);
  const reading = pinyin(ch, { toneType: 'none', type: 'array', v: true })[0];
  if (!reading || !/^[a-z]+$/.test(reading) || reading === ch) continue;
  byReading.set(reading, [...(byReading.get(reading) ?? []), ch]);
}
const readings = [...byReading.keys()].sort();
const header =
  '# Toneless readings (v for ü) of CJK characters, one reading a line: "reading<TAB>characters". Derived from pinyin-pro by scripts/regenerate-pinyin.ts.';
writeFileSync(
  'knowledge/text/pinyin-readings.txt',
  `${[header, ...readings.map((r) => `${r}\t${(byReading.get(r) ?? []).join('')}`)].join('\n')}\n`,
);
// m and ng are interjections: as typed syllables they would split ordinary Latin words.
const syllables = readings.filter((r) => r !== 'm' && r !== 'ng' && r !== 'n');
writeFileSync(
  'knowledge/text/pinyin-syllables.txt',
  `${['# Toneless pinyin syllables (v for ü), derived from pinyin-pro by scripts/regenerate-pinyin.ts; m, n and ng left out.', ...syllables].join('\n')}\n`,
);
process.stdout.write(
  `${readings.length} readings, ${[...byReading.values()].reduce((n, c) => n + c.length, 0)} characters\n`,
);
