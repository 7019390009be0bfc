import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { createKnowledgeBase } from '../../src/knowledge/createKnowledgeBase.js';
import { loadNluData } from '../../src/nlu/loadNluData.js';

const compact = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

function knowledgeWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nlu-'));
  mkdirSync(join(dir, 'nlu', 'utterances'), { recursive: true });
  writeFileSync(join(dir, 'nlu', 'rules.json'), readFileSync('knowledge/nlu/rules.json'));
  writeFileSync(join(dir, 'nlu', 'intents.json'), readFileSync('knowledge/nlu/intents.json'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, 'nlu', 'utterances', name), body);
  return dir;
}

describe('loadNluData', () => {
  it('when the project data loads, then every intent has utterances and the big ones have dozens', () => {
    const { utterances, intents } = loadNluData('knowledge');
    for (const intent of intents.map((i) => i.id))
      expect(utterances.filter((u) => u.intent === intent).length).toBeGreaterThanOrEqual(30);
    expect(utterances.filter((u) => u.intent === 'policy_question').length).toBeGreaterThanOrEqual(150);
    expect(utterances.filter((u) => u.intent === 'report_fault').length).toBeGreaterThanOrEqual(60);
  });

  it('when an utterance file names an unknown intent, then loading fails naming the file', () => {
    const dir = knowledgeWith({ 'bad.json': JSON.stringify({ intent: 'smalltalk', groups: { a: ['你好'] } }) });
    expect(() => loadNluData(dir)).toThrow(AppError);
    expect(() => loadNluData(dir)).toThrow(/bad\.json/);
  });

  it('when an utterance file is not JSON, then loading fails naming the file', () => {
    const dir = knowledgeWith({ 'broken.json': '{ "intent": "greeting", ' });
    expect(() => loadNluData(dir)).toThrow(/broken\.json/);
  });

  it('when an intent has no utterances at all, then loading fails saying which', () => {
    const dir = knowledgeWith({ 'greeting.json': JSON.stringify({ intent: 'greeting', groups: { a: ['你好'] } }) });
    expect(() => loadNluData(dir)).toThrow(/goodbye/);
  });

  // The held-out judge has other phrasings; copying the dev samples into training would only hide overfitting.
  it.skipIf(!existsSync('../shared/eval/dev.jsonl'))(
    'when compared with the shared dev sets, then no training utterance, rule phrase or alternative wording is a dev sample',
    () => {
      const devSets = ['../shared/eval/dev.jsonl', '../shared/eval/dev-colloquial.jsonl'].filter((f) => existsSync(f));
      const dev = new Set(
        devSets.flatMap((f) =>
          readFileSync(f, 'utf8')
            .split('\n')
            .filter((l) => l.trim())
            .map((l) => compact(String(JSON.parse(l).text))),
        ),
      );
      const { utterances, rules } = loadNluData('knowledge');
      const phrases = [...rules.commands, ...rules.containing].flatMap((r) => r.phrases);
      const alternatives = createKnowledgeBase('knowledge').alternativeQuestions();
      const copied = [...utterances.map((u) => u.text), ...phrases, ...rules.domain, ...alternatives].filter((t) =>
        dev.has(compact(t)),
      );
      expect(copied).toEqual([]);
    },
  );
});
