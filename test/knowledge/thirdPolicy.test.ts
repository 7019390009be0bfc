import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { recognizePolicy } from '../../dialogs/replies.js';
import { loadDomain, type Domain } from '../../src/loadDomain.js';
import { understandMessage } from '../../src/understanding/understandMessage.js';
import { runCliProcess } from '../cli/cliHarness.js';

// A made-up third product line, added the way a support lead would: a folder under
// knowledge/policies/ holding only policy.md. No code knows its id.
const fixture = join(import.meta.dirname, 'fixtures', 'third-policy');
const policyText = readFileSync(join(fixture, 'xinghe-switch', 'policy.md'), 'utf8');
let knowledgeDir: string;
let domain: Domain;

beforeAll(() => {
  knowledgeDir = join(mkdtempSync(join(tmpdir(), 'third-policy-')), 'knowledge');
  cpSync('knowledge', knowledgeDir, { recursive: true });
  cpSync(fixture, join(knowledgeDir, 'policies'), { recursive: true });
  domain = loadDomain(knowledgeDir);
});
afterAll(() => rmSync(join(knowledgeDir, '..'), { recursive: true, force: true }));

describe('a third policy added as a folder with only policy.md', () => {
  it('when the knowledge base loads, then the policy is there beside the two seed policies', () => {
    expect(domain.knowledge.policies().map((p) => p.meta.id).sort()).toEqual(['rongke-server', 'standard-service', 'xinghe-switch']);
  });

  it('when a customer names the product, then the message is attributed to that policy', () => {
    expect(domain.knowledge.attributePolicy('我们买的星河交换机坏了')).toBe('xinghe-switch');
  });

  it('when a customer asks about it, then the answer quotes its clause verbatim with its title and section', () => {
    const understood = understandMessage(domain.understanding, '星河交换机的硬件保修是几年？');
    const cited = understood.answer?.citations.filter((c) => c.policy === 'xinghe-switch') ?? [];
    expect(understood.answer?.kind).toBe('answered');
    expect(cited.length).toBeGreaterThan(0);
    for (const c of cited) expect(policyText.includes(c.quote)).toBe(true);
    expect(understood.answer?.text).toContain('一年硬件保修');
  });

  it('when the repair form or an answer asks which product, then the new policy is offered by its title and recognised by its names', () => {
    const texts = loadDialogKnowledge(knowledgeDir);
    expect(Object.values(texts.vocab.policyChoices)).toContain('星河网络交换机保修');
    expect(recognizePolicy('星河网络交换机保修', texts)).toBe('xinghe-switch');
    expect(recognizePolicy('是XH系列的那台', texts)).toBe('xinghe-switch');
    expect(recognizePolicy('融科的服务器', texts)).toBe('rongke-server');
  });

  it('when coverage is asked for it, then the engine says it has no rules for that policy instead of using another policy’s', () => {
    const decision = domain.coverage.decide({ policy: 'xinghe-switch', part: '电源', purchaseDate: '2026-06-01', today: '2026-12-01' });
    expect(decision.covered).toBeNull();
    expect(decision.citations).toEqual([]);
    expect(decision.reasons.join('')).toMatch(/没有可供自动判定的保修规则/);
  });

  it('when coverage names a policy that has no folder, then the input is refused naming the field', () => {
    expect(() => domain.coverage.decide({ policy: 'no-such-policy', part: '电源', today: '2026-12-01' })).toThrow(/policy/);
  });

  it('when `cli ask` is asked about it, then the printed answer cites it', () => {
    const run = runCliProcess(['ask', '星河交换机保修多久'], '', { KNOWLEDGE_DIR: knowledgeDir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('星河网络交换机保修');
    expect(run.stdout).toContain('星河网络交换机自购机发票之日起提供一年硬件保修。');
  });
});
