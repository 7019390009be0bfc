import { MemoryStorage, TestAdapter, type Activity, type Storage } from 'botbuilder';
import { AfterSalesBot } from '../../src/bot/AfterSalesBot.js';
import { createBotStates } from '../../src/bot/botState.js';
import { createTurnErrorHandler } from '../../src/bot/turnErrorHandler.js';
import { MainDialog } from '../../dialogs/MainDialog.js';
import type { DialogDependencies } from '../../dialogs/dependencies.js';
import { describeReplies } from '../dialogs/transcript.js';
import { captureLogs } from '../support/captureLogs.js';

/** What the bots built here log (errors only), for assertions. */
export const botLogs = captureLogs('error');

/**
 * The whole bot (welcome, transcript, MainDialog, onTurnError) on a TestAdapter: `say` sends one
 * message and returns every reply of that turn as text, suggested actions in [brackets].
 */
export function botHarness(
  deps: Omit<DialogDependencies, 'transcript'>,
  storage: Storage = new MemoryStorage(),
  conversationId = 'conv-1',
) {
  const states = createBotStates(storage);
  const full: DialogDependencies = { ...deps, transcript: (context) => states.transcript.get(context, []) };
  const bot = new AfterSalesBot(states, new MainDialog(full, states.memory, states.profile), deps.texts);
  const adapter = new TestAdapter(async (context) => bot.run(context), {
    channelId: 'test',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    serviceUrl: 'http://localhost',
  });
  adapter.onTurnError = createTurnErrorHandler(states, deps.texts, botLogs.logger);
  const drain = () => describeReplies(adapter.activeQueue.splice(0));
  return {
    adapter,
    states,
    async say(text: string): Promise<string> {
      await adapter.receiveActivity(text);
      return drain();
    },
    async send(activity: Partial<Activity>): Promise<string> {
      await adapter.receiveActivity(activity);
      return drain();
    },
  };
}
