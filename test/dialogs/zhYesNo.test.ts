import { describe, expect, it } from 'vitest';
import { loadDialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { isCancel, recognizeYesNo } from '../../dialogs/zhYesNo.js';

const { vocab } = loadDialogKnowledge('knowledge');

describe('recognizeYesNo', () => {
  it.each([
    '是',
    '对',
    '好的',
    '可以',
    '行',
    '嗯',
    '没问题',
    '好的！',
    '对的呀',
    '嗯嗯，好的',
    '可以吧',
    'OK',
    '确认无误',
    '好，谢谢',
  ])('when the customer answers “%s”, then it is a yes', (reply) => {
    expect(recognizeYesNo(reply, vocab)).toEqual({ ok: true, value: true });
  });

  it.each(['不', '不用', '不是', '算了', '不要', '不用了，谢谢', '先不用', '不需要', '别', '否'])(
    'when the customer answers “%s”, then it is a no',
    (reply) => {
      expect(recognizeYesNo(reply, vocab)).toEqual({ ok: true, value: false });
    },
  );

  it.each(['服务器在天津', '我的电话是13812345678，地址在北京市朝阳区', ''])(
    'when the reply “%s” is not a yes or no, then it is not parsed',
    (reply) => {
      expect(recognizeYesNo(reply, vocab).ok).toBe(false);
    },
  );
});

describe('isCancel', () => {
  it.each(['取消', '算了', '不报了', '算了吧', '取消！', '我改主意了，不报修了', 'cancel'])(
    'when the customer says “%s”, then it cancels',
    (text) => {
      expect(isCancel(text, vocab)).toBe(true);
    },
  );
  it.each([
    '电源取消了供电后无法开机，风扇也不转了',
    '我算了一下已经过保了吗',
    '开机自检到一半就结束',
    '退出系统后就蓝屏了',
  ])('when “%s” only mentions the word in a sentence, then it does not cancel', (text) => {
    expect(isCancel(text, vocab)).toBe(false);
  });
});
