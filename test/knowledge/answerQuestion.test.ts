import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createKnowledgeBase } from '../../src/knowledge/createKnowledgeBase.js';
import { durationDays } from '../../src/knowledge/expandDurations.js';

const kb = createKnowledgeBase('knowledge');
const policyText = ['standard-service', 'rongke-server'].map((id) => readFileSync(`knowledge/policies/${id}/policy.md`, 'utf8')).join('\n');
const quotes = (q: string) => kb.answer(q).citations.map((c) => c.quote).join('\n');

describe('answering policy questions with verbatim citations', () => {
  it.each([
    ['风扇坏掉了是上门还是要我寄过去', '只提供送修(或发货更换)服务'],
    ['服务器被雷电打坏了，还在保修吗', '雷击'],
    ['装了盗版系统导致蓝屏，管不管', '非合法授权'],
    ['机房漏水把机器泡了', '水浸'],
    ['工单状态待补充是什么意思', '需要补充'],
    ['出厂标签被撕掉了还能保吗', '识别信息'],
    ['電源線壞了給換嗎', '网线，电源线等附件均不在保修范围内'],
  ])('when asked "%s", then a citation quotes "%s"', (question, expected) => {
    const answer = kb.answer(question);
    expect(answer.kind).not.toBe('unsure');
    expect(quotes(question)).toContain(expected);
  });

  it('when any question is answered, then every quote is a verbatim substring of the policies', () => {
    for (const q of ['RAID卡保几年', '数据丢了你们赔吗', '有没有周末上门', '换下来的配件要还给你们吗']) {
      for (const c of kb.answer(q).citations) expect(policyText).toContain(c.quote);
    }
  });

  it('when a citation is given, then it names the policy and the section path', () => {
    const [first] = kb.answer('服务器上架可以帮忙吗').citations;
    expect(first?.policy).toBe('rongke-server');
    expect(first?.section).toBe('服务方式 › 上架调试服务');
  });

  it('when a table cell is cited, then the rest of its row is cited with it', () => {
    const sections = kb.answer('网卡保修几年').citations.map((c) => c.quote);
    expect(sections).toContain('自购机之日起所有整机内的部件三年保修');
  });

  it('when the question is about nothing in the policies, then it declines, offers topics and a human', () => {
    const answer = kb.answer('周末去哪里吃火锅比较好');
    expect(answer.kind).toBe('unsure');
    expect(answer.citations).toEqual([]);
    expect(answer.text).toContain('转人工');
  });

  it('when the question is vague but near a topic, then the closest topics are offered', () => {
    const answer = kb.answer('服务怎么样');
    if (answer.kind === 'unsure') expect(answer.suggestions.length).toBeGreaterThan(0);
    else expect(answer.citations.length).toBeGreaterThan(0);
  });

  it('when a question is restricted to one policy, then only that policy is cited', () => {
    const answer = kb.answer('热线电话是多少', { policy: 'standard-service' });
    expect(answer.citations.every((c) => c.policy === 'standard-service')).toBe(true);
    expect(quotes('热线电话是多少')).toMatch(/400/);
  });

  it('when both policies state a different rule, then both are quoted and the product is asked', () => {
    const answer = kb.answer('保修热线号码');
    expect(answer.kind).toBe('ambiguous');
    expect(new Set(answer.citations.map((c) => c.policy)).size).toBe(2);
  });
});

describe('answering questions about a whole topic', () => {
  it('when asked how long the warranty is without naming a product, then each policy is quoted and the product is asked', () => {
    const answer = kb.answer('保修期一般多长时间');
    expect(answer.kind).toBe('ambiguous');
    expect(answer.text).toContain('三年保修');
    expect(answer.text).toContain('超过90天');
    expect(answer.text).toMatch(/请问您的产品/);
  });

  it('when the question names a list, then the whole list is quoted', () => {
    const text = kb.answer('工单一共有几种状态').citations.map((c) => c.quote).join('\n');
    for (const state of ['未处理：', '处理中：', '待补充：', '已结单：']) expect(text).toContain(state);
  });
});

describe('reading how long ago the product was bought', () => {
  it.each([
    ['买了两个月', 60],
    ['用了半年', 182],
    ['刚买3周', 21],
    ['买了一年半', 547],
    ['十二个月前买的', 360],
  ])('when the text says "%s", then it is %i days', (text, days) => {
    expect(durationDays(text)).toBe(days);
  });

  it('when a purchase age is under 90 days, then the replacement clause is found', () => {
    expect(quotes('刚买了二十天就坏了，给不给换')).toContain('90天以内');
  });
});
