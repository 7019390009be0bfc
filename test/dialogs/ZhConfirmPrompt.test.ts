import { describe, expect, it } from 'vitest';
import { DialogTestClient } from 'botbuilder-testing';
import type { Activity } from 'botbuilder';
import { ConfirmPrompt } from 'botbuilder-dialogs';
import { loadDialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { ZhConfirmPrompt } from '../../dialogs/ZhConfirmPrompt.js';

const { vocab } = loadDialogKnowledge('knowledge');

describe('ZhConfirmPrompt', () => {
  it.each([
    ['嗯', true],
    ['确认', true],
    ['不用', false],
    ['算了', false],
    ['不要', false],
  ])(
    'when the customer answers “%s”, which the SDK’s zh recognizer misses, then the prompt returns %s',
    async (answer, expected) => {
      // The SDK's own ConfirmPrompt in zh-cn does not understand it and asks again.
      const sdk = new DialogTestClient('test', new ConfirmPrompt('sdk', undefined, 'zh-cn'), { prompt: '需要吗？' });
      await sdk.sendActivity('开始');
      await sdk.sendActivity(answer);
      expect(sdk.dialogTurnResult.status).toBe('waiting');

      const client = new DialogTestClient('test', new ZhConfirmPrompt('confirm', vocab), {
        prompt: '需要我帮您发起报修吗？',
      });
      const prompt: Partial<Activity> | undefined = await client.sendActivity('开始');
      expect(prompt?.text).toBe('需要我帮您发起报修吗？');
      expect(prompt?.suggestedActions?.actions.map((a) => a.title)).toEqual(['是', '否']);
      await client.sendActivity(answer);
      expect(client.dialogTurnResult.result).toBe(expected);
    },
  );

  it('when the answer is neither yes nor no, then the question is asked again', async () => {
    const client = new DialogTestClient('test', new ZhConfirmPrompt('confirm', vocab), {
      prompt: '需要我帮您发起报修吗？',
    });
    await client.sendActivity('开始');
    const retry: Partial<Activity> | undefined = await client.sendActivity('服务器放在三楼机房');
    expect(retry?.text).toBe('需要我帮您发起报修吗？');
    expect(client.dialogTurnResult.status).toBe('waiting');
  });
});
