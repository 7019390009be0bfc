import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationState, TestAdapter, type TurnContext } from 'botbuilder';
import { BotStateStorage } from '../../src/storage/BotStateStorage.js';
import { OptimisticConversationState } from '../../src/storage/optimisticBotState.js';
import type { DatabaseHandle } from '../../src/storage/openDatabase.js';
import type { DatabaseFactory } from './databaseFactories.js';

/** Bot Framework Storage contract (eTag concurrency, persistence), run against each engine. */
export function botStateSuite(makeFactory: () => DatabaseFactory): void {
  describe('BotStateStorage', () => {
    const factory = makeFactory();
    let handle: DatabaseHandle;
    let storage: BotStateStorage;
    beforeAll(async () => {
      handle = await factory.open();
      storage = new BotStateStorage(handle.db);
    });
    afterAll(async () => {
      await handle.close();
      await factory.dispose();
    });

    it('when an item is written and read back, then its fields and a fresh eTag come back', async () => {
      await storage.write({ a1: { step: 2, slots: { 产品型号: 'R5300' } } });
      const items = await storage.read(['a1', 'missing']);
      expect(items.a1).toMatchObject({ step: 2, slots: { 产品型号: 'R5300' } });
      expect(typeof items.a1.eTag).toBe('string');
      expect(items).not.toHaveProperty('missing');
    });

    it('when a write carries the current eTag, then it succeeds and the eTag changes', async () => {
      await storage.write({ a2: { n: 1 } });
      const first = (await storage.read(['a2'])).a2;
      await storage.write({ a2: { ...first, n: 2 } });
      const second = (await storage.read(['a2'])).a2;
      expect(second.n).toBe(2);
      expect(second.eTag).not.toBe(first.eTag);
    });

    it('when a write carries a stale eTag, then it fails and the stored item is unchanged', async () => {
      await storage.write({ a3: { n: 1 } });
      const stale = (await storage.read(['a3'])).a3;
      await storage.write({ a3: { ...stale, n: 2 } });
      await expect(storage.write({ a3: { ...stale, n: 3 } })).rejects.toThrow(/eTag conflict/);
      expect((await storage.read(['a3'])).a3.n).toBe(2);
    });

    it('when a write carries "*" or no eTag, then it overwrites whatever is stored', async () => {
      await storage.write({ a4: { n: 1 } });
      await storage.write({ a4: { n: 2, eTag: '*' } });
      expect((await storage.read(['a4'])).a4.n).toBe(2);
      await storage.write({ a4: { n: 3 } });
      expect((await storage.read(['a4'])).a4.n).toBe(3);
    });

    it('when two writers race with the same eTag, then exactly one wins', async () => {
      await storage.write({ a5: { n: 0 } });
      const base = (await storage.read(['a5'])).a5;
      const results = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) => storage.write({ a5: { ...base, n: i + 1 } })),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it('when items are deleted, then they are gone and deleting again is harmless', async () => {
      await storage.write({ a6: { n: 1 } });
      await storage.delete(['a6']);
      await storage.delete(['a6']);
      expect(await storage.read(['a6'])).toEqual({});
    });

    it('when two turns loaded the same conversation state, then the second save is refused instead of overwriting the first', async () => {
      const conversation = { id: 'conv-race', isGroup: false, name: '', conversationType: 'personal' };
      const state = new OptimisticConversationState(storage);
      const step = state.createProperty<number>('step');
      // Turn A and turn B both load, A saves, then B tries: B must see a conflict.
      let release!: () => void;
      const aSaved = new Promise<void>((resolve) => (release = resolve));
      const turn = (value: number, before: () => Promise<void>) =>
        new TestAdapter().processActivity(
          { type: 'message', text: String(value), conversation },
          async (ctx: TurnContext) => {
            await step.get(ctx, 0);
            await before();
            await step.set(ctx, value);
            await state.saveChanges(ctx);
          },
        );
      const a = turn(1, async () => undefined).then(release);
      const b = turn(2, () => aSaved);
      await a;
      await expect(b).rejects.toThrow(/eTag conflict/);
      let stored: number | undefined;
      await new TestAdapter().processActivity({ type: 'message', text: 'read', conversation }, async (ctx) => {
        stored = await new OptimisticConversationState(storage).createProperty<number>('step').get(ctx);
      });
      expect(stored).toBe(1);
    });

    it('when two turns both create a conversation’s first state, then only one create wins', async () => {
      const conversation = { id: 'conv-first', isGroup: false, name: '', conversationType: 'personal' };
      const results = await Promise.allSettled(
        [1, 2].map((value) =>
          new TestAdapter().processActivity(
            { type: 'message', text: String(value), conversation },
            async (ctx: TurnContext) => {
              const state = new OptimisticConversationState(storage);
              await state.createProperty<number>('step').set(ctx, value);
              await state.load(ctx);
              await state.saveChanges(ctx);
            },
          ),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it('when the database is reopened, then conversation state saved through the SDK is still there', async () => {
      const conversation = { id: 'conv-restart', isGroup: false, name: '', conversationType: 'personal' };
      const saving = new ConversationState(storage);
      const saveForm = saving.createProperty<{ step: string }>('form');
      await new TestAdapter().processActivity({ type: 'message', text: '报修', conversation }, async (ctx) => {
        await saveForm.set(ctx, { step: '详细故障描述' });
        await saving.saveChanges(ctx);
      });
      const reopened = await factory.open();
      try {
        const loading = new ConversationState(new BotStateStorage(reopened.db));
        let restored: { step: string } | undefined;
        await new TestAdapter().processActivity({ type: 'message', text: '继续', conversation }, async (ctx) => {
          restored = await loading.createProperty<{ step: string }>('form').get(ctx);
        });
        expect(restored).toEqual({ step: '详细故障描述' });
      } finally {
        await reopened.close();
      }
    });
  });
}
