import { z } from 'zod';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { coverageCommand } from '../../src/cli/coverageCommand.js';
import { knowledgeDir, realEngine } from './engineFixture.js';

async function run(args: string[], stdinLines: string[] = []) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: string[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const io = { stdin: Readable.from(stdinLines.map((l) => `${l}\n`)), stdout, stderr };
  const code = await coverageCommand(args, io, { KNOWLEDGE_DIR: knowledgeDir, TZ_OFFSET_MINUTES: 480 }, () => realEngine());
  return { code, out: chunks.join('') };
}

describe('coverage command', () => {
  it('when JSON lines come in, then each gets its decision and bad lines get an error without stopping', async () => {
    const { code, out } = await run(
      [],
      [
        JSON.stringify({ id: 'x1', input: { policy: 'rongke-server', part: '显卡', purchaseDate: '2024-02-02', city: '长沙', today: '2025-01-01' } }),
        '{broken',
        JSON.stringify({ id: 'x2', input: { policy: 'rongke-server', today: '2025-01-01' } }),
        JSON.stringify({ id: 'x3', input: { policy: 'standard-service', part: '硬盘', purchaseDate: '2024-12-20', factoryDate: '2024-10-01', today: '2025-01-01' } }),
      ],
    );
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => z.record(z.string(), z.unknown()).parse(JSON.parse(l)));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ id: 'x1', covered: true, remedy: 'repair', onsiteHours: 24 });
    expect(lines[1]).toMatchObject({ id: null });
    expect(String(lines[1]?.error)).toContain('line 2');
    expect(lines[2]).toMatchObject({ id: 'x2', field: 'part' });
    expect(lines[3]).toMatchObject({ id: 'x3', remedy: 'replace' });
  });

  it('when --text is given, then the facts, decision, clauses and open questions are printed in Chinese', async () => {
    const { code, out } = await run(['--text', '融科服务器的CPU风扇不转了，2025年3月在合肥买的', '--today', '2025-10-01']);
    expect(code).toBe(0);
    expect(out).toContain('CPU风扇');
    expect(out).toContain('【结论】');
    expect(out).toContain('送修');
    expect(out).toContain('【依据条款】');
  });

  it('when --text and --json are given, then the assessment is JSON', async () => {
    const { out } = await run(['--text', '主板坏了', '--today', '2025-10-01', '--json']);
    const parsed = JSON.parse(out) as { decision: unknown; missing: { field: string }[] };
    expect(parsed.decision).toBeNull();
    expect(parsed.missing.map((m) => m.field)).toContain('policy');
  });

  it('when --text and --json are given for a full case, then facts, decision and the words behind each fact keep their shape', async () => {
    const { out } = await run(['--text', '融科的服务器发票找不到了 出厂日期2024年2月2日 网卡坏了 在长沙', '--today', '2026-06-01', '--json']);
    const shape = z.object({
      facts: z.object({ policy: z.string(), invoice: z.literal(false), factoryDate: z.string() }).passthrough(),
      extraction: z.object({ evidence: z.array(z.object({ field: z.string(), text: z.string(), start: z.number(), end: z.number(), value: z.string() })) }),
      decision: z.object({ covered: z.boolean(), warrantyStart: z.string(), basis: z.array(z.object({ field: z.string(), value: z.string(), said: z.string().optional() })) }).passthrough(),
      missing: z.array(z.object({ field: z.string() })),
    });
    const parsed = shape.parse(JSON.parse(out));
    expect(parsed.facts.policy).toBe('rongke-server');
    expect(parsed.decision).toMatchObject({ covered: true, warrantyStart: '2024-02-02' });
    expect(parsed.decision.basis.find((b) => b.field === 'invoice')?.said).toContain('发票找不到');
  });

  it('when --today is not a date, then it is a usage error', async () => {
    await expect(run(['--text', '主板坏了', '--today', 'yesterday'])).rejects.toThrow(/--today/);
  });
});
