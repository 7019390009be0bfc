import { MemoryStorage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JOURNAL_TURNS } from '../../src/bot/turnJournal.js';
import { fakeDependencies } from '../dialogs/fakes.js';
import { botHarness } from './botHarness.js';

const stateSchema = z.object({ transcript: z.array(z.object({ from: z.string(), text: z.string() })) }).loose();

function harness() {
  const storage = new MemoryStorage();
  const bot = botHarness(fakeDependencies(), storage);
  /** The customer's lines in the saved conversation state. */
  const customerLines = async (text: string) => {
    const items = await storage.read(['test/conversations/conv-1/']);
    return stateSchema
      .parse(items['test/conversations/conv-1/'])
      .transcript.filter((l) => l.from === 'customer' && l.text === text).length;
  };
  return { bot, customerLines };
}

const message = (id: string, text: string) => ({ type: 'message', id, text });

describe('the turn journal', () => {
  it('when the same activity is delivered again, then it gets the same replies and no second turn runs', async () => {
    const { bot, customerLines } = harness();
    await bot.send({ type: 'conversationUpdate', id: 'join', membersAdded: [{ id: 'user1', name: '' }] });
    const first = await bot.send(message('m1', '我要报修'));
    const again = await bot.send(message('m1', '我要报修'));
    expect(again).toBe(first);
    expect(await customerLines('我要报修')).toBe(1);
  });

  it('when more than the journal’s turns have passed, then an old activity id is a new turn again', async () => {
    const { bot, customerLines } = harness();
    await bot.send(message('old', '你好'));
    for (let i = 0; i < JOURNAL_TURNS; i++) await bot.send(message(`n${i}`, '谢谢'));
    await bot.send(message('old', '你好'));
    expect(await customerLines('你好')).toBe(2);
  });
});
