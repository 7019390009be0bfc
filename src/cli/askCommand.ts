import type { KnowledgeAnswer } from '../knowledge/types.js';
import { EXIT_OK, EXIT_USAGE, writeJsonLine, type CommandIo } from './io.js';
import { checkMessageText } from './messageText.js';
import type { Runtime } from './runtime.js';

/** The answer for a terminal: reply text, then each citation with its place. */
export function formatAnswer(answer: KnowledgeAnswer): string {
  const lines = [answer.text.trim()];
  if (answer.citations.length) {
    lines.push('', '依据：');
    for (const c of answer.citations) lines.push(`  〔${c.section}〕${c.quote}`);
  }
  if (answer.suggestions.length && answer.kind !== 'answered') {
    lines.push('', `相关主题：${answer.suggestions.join('；')}`);
  }
  lines.push('', `（置信度 ${answer.confidence.toFixed(2)}）`);
  return `${lines.join('\n')}\n`;
}

/** `ask "<question>" [--json]`: the knowledge base's cited answer, readable or as JSON. */
export function askCommand(runtime: Runtime, io: CommandIo, question: string | undefined, json: boolean): number {
  if (question === undefined) {
    io.stderr.write('usage: ask "<question>" [--json]\n');
    return EXIT_USAGE;
  }
  const checked = checkMessageText(question);
  if (!checked.ok) {
    io.stderr.write(`ask: ${checked.reason}\n`);
    return EXIT_USAGE;
  }
  const answer = runtime.kb.answer(checked.value);
  if (json) writeJsonLine(io.stdout, answer);
  else io.stdout.write(formatAnswer(answer));
  return EXIT_OK;
}
