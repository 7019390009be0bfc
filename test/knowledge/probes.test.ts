import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadDomain } from '../../src/loadDomain.js';

// Questions written apart from the dev set, each with the clause wording a right answer quotes.
const probes = readFileSync('test/knowledge/fixtures/probes.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => z.object({ text: z.string(), expect: z.array(z.string()).min(1) }).parse(JSON.parse(l)));
const knowledge = loadDomain('knowledge').knowledge;
const norm = (s: string) => s.normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '');

describe('answering fresh questions', () => {
  it('when the probe questions are asked, then at least 90% of answers quote the expected clause in the text or top-3 citations', () => {
    const misses = probes.filter((p) => {
      const a = knowledge.answer(p.text);
      const hay = `${norm(a.text)}|${a.citations.slice(0, 3).map((c) => norm(c.quote)).join('|')}`;
      return !p.expect.some((e) => hay.includes(norm(e)));
    });
    expect(misses.length / probes.length, misses.map((m) => m.text).join('\n')).toBeLessThanOrEqual(0.1);
  });
});
