import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DialogTestClient } from 'botbuilder-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { HandoffDialog } from '../../dialogs/HandoffDialog.js';
import { policyFromModel } from '../../dialogs/replies.js';
import { loadPolicyMetas } from '../../src/knowledge/loadPolicies.js';
import { loadDomain, type Domain } from '../../src/loadDomain.js';
import { fakeDependencies } from '../dialogs/fakes.js';

// A made-up product line whose folder also says, as data, its model numbers and its
// response-time promise with the clause it rests on. No code knows its id.
const POLICY = `---
id: xinghe-switch
title: 星河网络交换机保修
names: 星河, 星河交换机
models: ^XH\\d{4}$
responseSection: 服务响应
responseQuote: 两小时内响应
responsePromise: 我们会在两小时内响应您的报修。
---

## 保修期限

星河网络交换机自购机发票之日起提供一年硬件保修。

## 服务响应

电话报修后，星河客服将在两小时内响应。
`;

let root: string;
let knowledgeDir: string;
let domain: Domain;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'policy-front-matter-'));
  knowledgeDir = join(root, 'knowledge');
  cpSync('knowledge', knowledgeDir, { recursive: true });
  mkdirSync(join(knowledgeDir, 'policies', 'xinghe-switch'));
  writeFileSync(join(knowledgeDir, 'policies', 'xinghe-switch', 'policy.md'), POLICY);
  domain = loadDomain(knowledgeDir);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('what a policy folder says about its product in front matter', () => {
  it('when a report gives a model number, then the policy whose models pattern it fits is chosen', () => {
    const texts = loadDialogKnowledge(knowledgeDir);
    expect(policyFromModel('XH3200', texts)).toBe('xinghe-switch');
    expect(policyFromModel('R5300', texts)).toBe('rongke-server');
    expect(policyFromModel('ABC', texts)).toBeUndefined();
  });

  it('when a customer of that product is handed to a person, then its own promise is said with its own clause quoted', async () => {
    const deps = fakeDependencies({ knowledge: domain.knowledge, texts: loadDialogKnowledge(knowledgeDir) });
    const client = new DialogTestClient('test', new HandoffDialog(deps), { reason: 'customer_asked', policy: 'xinghe-switch' });
    await client.sendActivity('转人工');
    const reply = await client.sendActivity('13912340000');
    expect(reply?.text).toContain('我们会在两小时内响应您的报修。');
    expect(reply?.text).toContain('电话报修后，星河客服将在两小时内响应。');
    expect(reply?.text).toContain('星河网络交换机保修');
    expect(reply?.text).not.toContain('一小时内回应');
  });

  it('when two policies say they are the fallback, then loading fails naming the folder and the field', () => {
    writeFileSync(
      join(knowledgeDir, 'policies', 'xinghe-switch', 'policy.md'),
      POLICY.replace('models:', 'fallback: yes\nmodels:'),
    );
    expect(() => loadPolicyMetas(knowledgeDir)).toThrow(/xinghe-switch.*fallback|fallback.*xinghe-switch/s);
  });

  it('when several policies name no fallback, then loading fails and says one must', () => {
    const dir = join(root, 'no-fallback');
    for (const id of ['a-one', 'b-two']) {
      mkdirSync(join(dir, 'policies', id), { recursive: true });
      writeFileSync(join(dir, 'policies', id, 'policy.md'), `---\nid: ${id}\ntitle: ${id}\n---\n\n## 一\n\n保修一年。\n`);
    }
    expect(() => loadPolicyMetas(dir)).toThrow(/fallback: yes/);
  });
});
