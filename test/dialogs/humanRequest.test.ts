import { describe, expect, it } from 'vitest';
import { loadDialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { asksForHuman, clauseAsksForHuman } from '../../dialogs/humanRequest.js';

const texts = loadDialogKnowledge('knowledge');

describe('asking for a human', () => {
  it.each(['联系人黄经理', '联系人 王经理', '联系人：李经理'])(
    'when "%s" names the report’s contact, then nobody is asked for',
    (clause) => {
      expect(clauseAsksForHuman(clause, texts)).toBe(false);
      expect(asksForHuman(clause, texts)).toBe(false);
    },
  );

  it.each(['我要找人工', '帮我联系你们经理', '转人工客服'])(
    'when "%s" asks for a person, then it is a request',
    (clause) => {
      expect(clauseAsksForHuman(clause, texts)).toBe(true);
    },
  );

  it('when the customer refuses the bot ("我不想跟机器人说了"), then it is a request for a person', () => {
    expect(asksForHuman('你们这R5500G3又坏了 上个月才修过 我不想跟机器人说了', texts)).toBe(true);
  });
});
