import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotTurnRunner } from '../../src/directline/botTurnRunner.js';
import { ConversationStore } from '../../src/directline/conversationStore.js';
import { ConversationOutbox } from '../../src/directline/conversationOutbox.js';
import { DirectLineService } from '../../src/directline/directLineService.js';
import { InProcessEventBus } from '../../src/directline/eventBus.js';
import { withDefaultUser, type DatabaseHandle } from '../../src/storage/openDatabase.js';
import { LOCK_CLASS, lockKeyText, PgTurnLocks } from '../../src/turns/pgTurnLocks.js';
import { postgresFactory, TEST_PG_URL } from '../storage/databaseFactories.js';

const factory = postgresFactory();
let first: DatabaseHandle;
let second: DatabaseHandle;
const locks: PgTurnLocks[] = [];
const locksOn = (handle: DatabaseHandle) => {
  if (!handle.pgConnection) throw new Error('expected PostgreSQL');
  const made = new PgTurnLocks(handle.pgConnection, { onError: () => undefined });
  locks.push(made);
  return made;
};

beforeAll(async () => {
  // Two connection pools on one schema: two instances as far as the database can tell.
  first = await factory.open();
  second = await factory.open();
});
afterAll(async () => {
  for (const l of locks) await l.close();
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

describe('turn locks across instances (PostgreSQL advisory locks)', () => {
  it('when two instances receive messages of one conversation at once, then the bot turns never overlap', async () => {
    const log: Array<{ text: string; start: number; end: number }> = [];
    const make = (handle: DatabaseHandle) =>
      new DirectLineService({
        outbox: new ConversationOutbox(new ConversationStore(handle.db), new InProcessEventBus()),
        bot: slowBot(log),
        serviceUrl: 'http://127.0.0.1:1',
        locks: locksOn(handle),
      });
    const a = make(first);
    const b = make(second);
    const conversation = await a.store.create('dl_lease_user');
    await Promise.all(
      ['一', '二', '三', '四'].map((text, i) =>
        (i % 2 === 0 ? a : b).acceptFromClient(conversation, { type: 'message', text }),
      ),
    );
    const deadline = Date.now() + 10_000;
    while (log.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(log).toHaveLength(4);
    const sorted = [...log].sort((x, y) => x.start - y.start);
    for (let i = 1; i < sorted.length; i++)
      expect(sorted[i]?.start ?? 0).toBeGreaterThanOrEqual(sorted[i - 1]?.end ?? Infinity);
  });

  it('when the instance holding a conversation’s lock loses its database session (it died), then another instance gets the lock at once', async () => {
    const holder = locksOn(first);
    const waiter = locksOn(second);
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    let finish!: () => void;
    // The holder's turn does not finish (until the test ends): only its session ending can free the lock.
    const holderTurn = holder.withLock('directline/dying', async () => {
      holding();
      await new Promise<void>((resolve) => (finish = resolve));
    });
    await held;
    let acquiredAt = 0;
    const waiting = waiter.withLock('directline/dying', async () => {
      acquiredAt = Date.now();
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(acquiredAt).toBe(0);
    const admin = new pg.Client({ connectionString: withDefaultUser(TEST_PG_URL) });
    await admin.connect();
    try {
      const killedAt = Date.now();
      const terminated = await admin.query(
        "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and classid = $1 and objsubid = 2 and granted and objid::bigint = (hashtext($2)::bigint + 4294967296) % 4294967296",
        [LOCK_CLASS, lockKeyText(first.pgConnection ?? {}, 'directline/dying')],
      );
      expect(terminated.rowCount).toBe(1);
      await waiting;
      // Not after a lease timeout: as soon as the database has ended the dead session.
      expect(acquiredAt - killedAt).toBeLessThan(10_000);
    } finally {
      finish();
      await holderTurn;
      await admin.end();
    }
  });
});
