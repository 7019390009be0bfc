import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConversationStore } from '../../src/directline/conversationStore.js';
import { call, pollUntil } from './support/dlClient.js';
import { removeDir, startChannelServer } from './support/startChannelServer.js';
import { ChannelTestBot } from './support/testBot.js';

const chatToken = z.object({ conversationId: z.string(), token: z.string() });
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

describe('customer turns left unfinished by a dead process', () => {
  it('when a message was logged but its turn never ran, then the next start answers it without the customer doing anything', async () => {
    const first = await startChannelServer(new ChannelTestBot());
    dirs.push(first.dataDir);
    const minted = chatToken.parse((await call(first.baseUrl, 'POST', '/api/chat/token', undefined, {})).body);
    // What a process that died right after logging the message leaves behind: the echo, pending.
    const pending = await new ConversationStore(first.database.db).appendInbound(
      minted.conversationId,
      { type: 'message', text: '掉线前', from: { id: 'dl_x', role: 'user' } },
      'client-1',
    );
    expect(pending.turn).toBe('pending');
    await first.stop();

    const second = await startChannelServer(new ChannelTestBot(), { dataDir: first.dataDir });
    try {
      const all = await pollUntil(second.baseUrl, minted.conversationId, minted.token, (acts) =>
        acts.some((a) => a.text === '收到：掉线前'),
      );
      expect(all.filter((a) => a.text === '收到：掉线前')).toHaveLength(1);
      // Web Chat's resend of the same message now finds the finished turn: nothing new is logged or answered.
      const resent = await call(
        second.baseUrl,
        'POST',
        `/v3/directline/conversations/${minted.conversationId}/activities`,
        minted.token,
        { type: 'message', text: '掉线前', channelData: { clientActivityID: 'client-1' } },
      );
      expect(resent.body).toEqual({ id: pending.echo.id });
      await new Promise((r) => setTimeout(r, 300));
      const after = await pollUntil(second.baseUrl, minted.conversationId, minted.token, () => true);
      expect(after.filter((a) => a.text === '掉线前')).toHaveLength(1);
      expect(after.filter((a) => a.text === '收到：掉线前')).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});
