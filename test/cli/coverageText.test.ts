import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { coverageCommand } from '../../src/cli/coverageCommand.js';
import { knowledgeDir, realEngine } from '../coverage/engineFixture.js';

async function runText(text: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c: Buffer) => out.push(c.toString('utf8')));
  stderr.on('data', (c: Buffer) => err.push(c.toString('utf8')));
  const io = { stdin: Readable.from([]), stdout, stderr };
  const code = await coverageCommand(
    ['--text', text, '--today', '2025-10-01'],
    io,
    { KNOWLEDGE_DIR: knowledgeDir, TZ_OFFSET_MINUTES: 480 },
    () => realEngine(),
  );
  return { code, out: out.join(''), err: err.join('') };
}

describe('coverage --text with hostile text', () => {
  it.each([
    ['a terminal escape', '主板坏了\u001b[2J', /control characters/],
    ['a lone surrogate', '主板坏了\uD800', /unpaired surrogate/],
  ])(
    'when the text holds %s, then it exits 2 with the reason and prints nothing to stdout',
    async (_label, text, reason) => {
      const { code, out, err } = await runText(text);
      expect(code).toBe(2);
      expect(err).toMatch(reason);
      expect(out).toBe('');
    },
  );
});
