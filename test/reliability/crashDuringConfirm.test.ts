import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadDialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { startChild, type ChildServer } from './support/childServer.js';
import { reachSummary, say, TICKET_NUMBER } from './support/talk.js';

const wording = loadDialogKnowledge('knowledge').wording;
const dataDir = mkdtempSync(join(tmpdir(), 'crash-confirm-'));
const children: ChildServer[] = [];
afterAll(async () => {
  for (const child of children) await child.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function child(plan: Parameters<typeof startChild>[0]): Promise<ChildServer> {
  const started = await startChild(plan);
  children.push(started);
  return started;
}

/** The tickets the store holds for a conversation (read beside the server, as an operator would). */
function ticketsOf(conversationId: string): string[] {
  const db = new BetterSqlite3(join(dataDir, 'app.db'), { readonly: true });
  try {
    return db
      .prepare('select number from tickets where conversation_id = ?')
      .all(conversationId)
      .map((row) => z.object({ number: z.string() }).parse(row).number);
  } finally {
    db.close();
  }
}

describe('a server killed with SIGKILL during 确认 (child processes, embedded store)', () => {
  it('when it dies after the ticket is committed, or after the turn was saved but not answered, then the retry after a restart gets the one ticket’s number', async () => {
    const summary = wording.repair.summaryHeader;
    // 1. Dies after committing the ticket, before saving the turn or answering: the 7th query of the
    // confirm turn reads the new ticket back (on SQLite the durable commit adds a pragma before and after).
    const first = await child({ dataDir, killAtQuery: 7, armOn: { conversationId: 'crash-1', text: '确认' } });
    await reachSummary(first.baseUrl, 'crash-1', summary);
    const confirm1 = randomUUID();
    expect((await say(first.baseUrl, 'crash-1', '确认', confirm1)).status).toBe(0);
    expect(await first.exited).toBe('SIGKILL');
    expect(ticketsOf('crash-1')).toHaveLength(1);

    // 2. A new process; it will die right after saving the next conversation's confirm turn.
    const second = await child({
      dataDir,
      killAfterStateSave: true,
      armOn: { conversationId: 'crash-2', text: '确认' },
    });
    const retried = await say(second.baseUrl, 'crash-1', '确认', confirm1);
    expect(retried.texts).toContain(ticketsOf('crash-1')[0]);
    expect(ticketsOf('crash-1')).toHaveLength(1);

    await reachSummary(second.baseUrl, 'crash-2', summary);
    const confirm2 = randomUUID();
    expect((await say(second.baseUrl, 'crash-2', '确认', confirm2)).status).toBe(0);
    expect(await second.exited).toBe('SIGKILL');

    // 3. The channel's retry of the same activity gets the answer the dead process saved; a
    //    customer typing 确认 again is told the number too. Still one ticket each.
    const third = await child({ dataDir });
    const [number2] = ticketsOf('crash-2');
    const replayed = await say(third.baseUrl, 'crash-2', '确认', confirm2);
    expect(TICKET_NUMBER.exec(replayed.texts)?.[0]).toBe(number2);
    expect((await say(third.baseUrl, 'crash-2', '确认')).texts).toContain(number2);
    expect(ticketsOf('crash-2')).toHaveLength(1);
    expect(ticketsOf('crash-1')).toHaveLength(1);
  }, 120_000);
});
