import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { loadDialogKnowledge, type DialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import type { Ticket } from '../../src/tickets/ticketSchemas.js';
import { expectReply, type TranscriptRow } from '../dialogs/transcript.js';
import { messageActivity, post, startApp, type RunningApp } from './appServer.js';

/** The real app (knowledge base, matcher, coverage engine, embedded store) on a fresh data dir. */
export interface LiveBot {
  texts: DialogKnowledge;
  /** The bot's embedded store, for reading what it recorded (tickets, the unanswered log). */
  dataDir: string;
  /** Plays a transcript table in one conversation over POST /api/messages (expectReplies). */
  play(conversationId: string, rows: TranscriptRow[]): Promise<string[]>;
  /** The tickets the conversation opened, as agents see them. */
  ticketsOf(conversationId: string): Promise<Ticket[]>;
  stop(): Promise<void>;
}

/** Starts the whole app as customers meet it; every reply is checked against its row. */
export async function startLiveBot(): Promise<LiveBot> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-talk-'));
  const running: RunningApp = await startApp(dataDir);
  return {
    texts: loadDialogKnowledge('knowledge'),
    dataDir,
    async play(conversationId, rows) {
      const replies: string[] = [];
      for (const row of rows) {
        const res = await post(running.baseUrl, messageActivity(conversationId, row[0]));
        expect(res.status, `after “${row[0]}”`).toBe(200);
        expectReply(res.texts, row);
        replies.push(res.texts);
      }
      return replies;
    },
    async ticketsOf(conversationId) {
      const page = await running.built.tickets.list({ limit: 100, offset: 0 });
      const mine = page.items.filter((t) => t.conversationId === conversationId);
      return Promise.all(mine.map((t) => running.built.tickets.get(t.number)));
    },
    async stop() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
