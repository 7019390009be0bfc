import { describe, expect, it } from 'vitest';
import { botHarness } from '../bot/botHarness.js';
import { fakeDependencies, fakeKnowledge, fakeMatcher } from './fakes.js';
import { expectReply, type TranscriptRow } from './transcript.js';

const answered = {
  kind: 'answered' as const,
  text: '保修期答复（含条款）',
  citations: [],
  confidence: 0.9,
  suggestions: [],
};

function setup() {
  const knowledge = fakeKnowledge({ 保休多久: answered });
  // The matcher is unsure about the typo, and sure about the suggested-action labels.
  const matcher = fakeMatcher([
    ['保休多久', 'policy_question', 0.4],
    ['灯一直不对劲', 'report_fault', 0.4, ['symptom']],
  ]);
  const deps = fakeDependencies({ knowledge, matcher });
  return { knowledge, bot: botHarness(deps), w: deps.texts.wording, form: deps.texts.form };
}

async function play(bot: ReturnType<typeof botHarness>, rows: TranscriptRow[]) {
  for (const row of rows) expectReply(await bot.say(row[0]), row);
}

describe('after a clarifying question', () => {
  it('when the customer picks 咨询保修政策, then the question they already asked is answered instead of asking for a topic', async () => {
    const { bot, w, knowledge } = setup();
    await play(bot, [
      ['保休多久', [w.clarify, '[咨询保修政策]']],
      ['咨询保修政策', answered.text, w.askPolicyTopic],
    ]);
    expect(knowledge.asked.at(-1)).toBe('保休多久');
  });

  it('when the customer picks 我要报修, then the report starts from what they said', async () => {
    const { bot, w } = setup();
    await play(bot, [
      ['服务器灯一直不对劲', [w.clarify, '[我要报修]']],
      ['我要报修', [w.repair.start, '已记录：详细故障描述 服务器灯一直不对劲']],
    ]);
  });

  it('when the customer types 我要报修 while an item is asked, then it is not taken as the model', async () => {
    const { bot, w, form } = setup();
    const model = form.find((f) => f.key === 'model')?.question ?? 'model';
    await play(bot, [
      ['我要报修', model],
      ['我要报修', [w.repair.resume, model], '好像不对'],
    ]);
  });
});
