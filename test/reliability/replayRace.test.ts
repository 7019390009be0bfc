import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { createAdapterTurnRunner } from '../../src/directline/botTurnRunner.js';
import { startApp, type RunningApp } from '../web/startApp.js';
import { raceScenarios } from './support/raceScenarios.js';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.stop());

describe('the same delivery twice, racing (embedded store)', () => {
  it('when a channel delivers the same 确认 twice at once, then there is one ticket and both get the same replies', async () => {
    await raceScenarios.sameActivityTwice(app, app, 'race-same-id');
  });

  it('when the customer sends 确认 twice (two activities) at once, then there is one ticket and both are told its number', async () => {
    await raceScenarios.twoConfirmations(app, app, 'race-double-confirm');
  });

  it('when Web Chat resends a 确认 (same clientActivityID) while the first is in flight, then it is logged once and one ticket is filed', async () => {
    await raceScenarios.directLineResend(app, app);
  });
});

describe('bot state under racing turns', () => {
  it('when two turns of one conversation run at once without the turn lock, then the loser runs again on the winner’s state: both answered, nothing lost', async () => {
    const wording = z
      .object({ turnError: z.string(), turnConflict: z.string() })
      .parse(JSON.parse(readFileSync('knowledge/dialogs/wording.json', 'utf8')));
    // The adapter directly, as two instances without the lock would call it.
    const runner = createAdapterTurnRunner(app.built.adapter, app.built.logic);
    const activity = (id: string, text: string): Partial<Activity> => ({
      type: 'message',
      id,
      text,
      channelId: 'test-race',
      serviceUrl: 'http://127.0.0.1:1',
      conversation: { id: 'race-state', name: '', isGroup: false, conversationType: 'personal' },
      from: { id: 'user-race', name: '' },
      recipient: { id: 'bot', name: '' },
    });
    const texts = ['服务器保修几年', '硬盘坏了保修吗', '电源坏了怎么办', '上门服务多久到'];
    const answers = await Promise.all(texts.map((text, i) => runner.runTurn(activity(`race-${i}`, text))));
    for (const replies of answers) {
      expect(replies.length).toBeGreaterThan(0);
      expect(replies.map((r) => r.text)).not.toContain(wording.turnConflict);
      expect(replies.map((r) => r.text)).not.toContain(wording.turnError);
    }
    const state = await app.built.database.db
      .selectFrom('bot_state')
      .select('doc')
      .where('key', 'like', 'test-race/conversations/race-state%')
      .executeTakeFirstOrThrow();
    // Every customer line survived in the transcript: no turn overwrote another's state.
    for (const text of texts) expect(state.doc).toContain(text);
  });
});
