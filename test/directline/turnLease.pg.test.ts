import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotTurnRunner } from '../../src/directline/botTurnRunner.js';
import { ConversationStore } from '../../src/directline/conversationStore.js';
import { DirectLineService } from '../../src/directline/directLineService.js';
import { InProcessEventBus } from '../../src/directline/eventBus.js';
import '../../src/directline/migrations.js';
import type { DatabaseHandle } from '../../src/storage/openDatabase.js';
import { postgresFactory } from '../storage/databaseFactories.js';

const factory = postgresFactory();
let first: DatabaseHandle;
let second: DatabaseHandle;

beforeAll(async () => {
  // Two connection pools on one schema: two instances as far as the database can tell.
  first = await factory.open();
  second = await factory.open();
});
afterAll(async () => {
  await first?.close();
  await second?.close();
  await factory.dispose();
});

/** A bot that takes its time and records when each turn ran. */
function slowBot(log: Array<{ text: string; start: number; end: number }>): BotTurnRunner {
  return {
    async runTurn(activity) {
      const start = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 120));
      log.push({ text: String(activity.text), start, end: Date.now() });
      return [{ type: 'message', text: `答：${String(activity.text)}` }];
    },
  };
}

describe('turn lease across instances (PostgreSQL)', () => {
  it('when two instances receive messages of one conversation at once, then the bot turns never overlap', async () => {
    const log: Array<{ text: string; start: number; end: number }> = [];
    const make = (handle: DatabaseHandle) => new DirectLineService({ store: new ConversationStore(handle.db), bus: new InProcessEventBus(), bot: slowBot(log), serviceUrl: 'http://127.0.0.1:1' });
    const a = make(first);
    const b = make(second);
    const conversation = await a.store.create('dl_lease_user');
    await Promise.all(['一', '二', '三', '四'].map((text, i) => (i % 2 === 0 ? a : b).acceptFromClient(conversation, { type: 'message', text })));
    const deadline = Date.now() + 10_000;
    while (log.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(log).toHaveLength(4);
    const sorted = [...log].sort((x, y) => x.start - y.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]?.start ?? 0).toBeGreaterThanOrEqual(sorted[i - 1]?.end ?? Infinity);
  });

  it('when a lease lapses (its instance died), then another instance can take it', async () => {
    const store = new ConversationStore(first.db);
    const other = new ConversationStore(second.db);
    const conversation = await store.create('dl_lease_user2');
    const lease = await store.tryLease(conversation.id, 50);
    expect(lease).toBeDefined();
    expect(await other.tryLease(conversation.id, 50)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 80));
    expect(await other.tryLease(conversation.id, 1000)).toBeDefined();
  });
});
