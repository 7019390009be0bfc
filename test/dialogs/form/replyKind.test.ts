import { describe, expect, it } from 'vitest';
import { loadDialogKnowledge } from '../../../dialogs/dialogKnowledge.js';
import { asksSomething, leavesForm } from '../../../dialogs/form/replyKind.js';
import type { IntentPrediction } from '../../../src/nlu/types.js';

const texts = loadDialogKnowledge('knowledge');
const unsure: IntentPrediction = { intent: 'out_of_scope', confidence: 0.1, alternatives: [] };

describe('calling the report off in the customer’s own words', () => {
  it.each([
    '我刚重插了内存条 现在能开机了 这个单子就不用提了吧',
    '不好意思 不用报修了 已经自己好了',
    '那先不修了',
    '问题解决了，不需要了，谢谢',
    '算了，这次先不报了',
    '没事了 自己好了 单子撤了吧',
    '那就算了不用提交了',
  ])('when the customer says “%s”, then the report is called off', (text) => {
    expect(leavesForm(text, unsure, texts)).toMatchObject({ kind: 'cancel' });
  });

  it('when a question follows the call-off, then it comes back to be answered', () => {
    expect(leavesForm('这单先别提交了，我想问下内存坏了保修几年？', unsure, texts)).toEqual({
      kind: 'cancel',
      followUp: '我想问下内存坏了保修几年？',
    });
  });

  it('when the report is cancelled by name and a question follows, then the question comes back', () => {
    expect(leavesForm('这张报修单撤销吧 另外想问下上门要多久', unsure, texts)).toEqual({
      kind: 'cancel',
      followUp: '另外想问下上门要多久',
    });
  });

  it('when the report is dropped for something else (“算了，…”), then that request comes back to be routed', () => {
    expect(leavesForm('算了，我还是先查一下上次的工单', unsure, texts)).toEqual({
      kind: 'cancel',
      followUp: '我还是先查一下上次的工单',
    });
  });

  it.each([
    '风扇不转了，不用上门，寄过去修也行',
    '电源不用管，主要是硬盘坏了',
    '还不用修吗？',
    '不用了',
    '取消这个工单的话会怎样',
  ])('when the customer says “%s”, then nothing is called off', (text) => {
    expect(leavesForm(text, unsure, texts)).toBeUndefined();
  });
});

describe('questions and answers', () => {
  it.each(['没有，屏幕上什么都不显示', '按了也没什么反应', '显示器上啥也没有', '准备过几天再观察', '没有看到什么报错'])(
    'when the customer says “%s”, then it is an answer, not a question',
    (text) => {
      expect(asksSomething(text, texts)).toBe(false);
    },
  );

  it.each(['保修期多长？', '你们老板是谁', '工程师什么时候能到', '上门要几天', '没有发票也能保修吗'])(
    'when the customer says “%s”, then it is a question',
    (text) => {
      expect(asksSomething(text, texts)).toBe(true);
    },
  );
});
