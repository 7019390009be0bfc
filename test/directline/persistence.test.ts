import { afterAll, describe, expect, it } from 'vitest';
import { TokenIssuer } from '../../src/directline/tokens.js';
import { call, conversationSchema, pollUntil } from './support/dlClient.js';
import { removeDir, startChannelServer } from './support/startChannelServer.js';
import { ChannelTestBot } from './support/testBot.js';
import { z } from 'zod';

const chatToken = z.object({ conversationId: z.string(), token: z.string(), resumed: z.boolean() });
const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

describe('Direct Line persistence', () => {
  it('when the server restarts, then /api/chat/token resumes the same conversation with its history and the welcome is not repeated', async () => {
    const first = await startChannelServer(new ChannelTestBot());
    dirs.push(first.dataDir);
    const minted = chatToken.parse((await call(first.baseUrl, 'POST', '/api/chat/token', undefined, {})).body);
    expect(minted.resumed).toBe(false);
    const path = `/v3/directline/conversations/${minted.conversationId}/activities`;
    await call(first.baseUrl, 'POST', path, minted.token, { type: 'event', name: 'webchat/join' });
    await call(first.baseUrl, 'POST', path, minted.token, { type: 'message', text: '重启前' });
    await pollUntil(first.baseUrl, minted.conversationId, minted.token, (all) =>
      all.some((a) => a.text === '收到：重启前'),
    );
    await first.stop();

    const second = await startChannelServer(new ChannelTestBot(), { dataDir: first.dataDir });
    try {
      const resumed = chatToken.parse(
        (
          await call(second.baseUrl, 'POST', '/api/chat/token', undefined, {
            conversationId: minted.conversationId,
            token: minted.token,
          })
        ).body,
      );
      expect(resumed).toMatchObject({ conversationId: minted.conversationId, resumed: true });
      await call(second.baseUrl, 'POST', path, resumed.token, { type: 'event', name: 'webchat/join' });
      await call(second.baseUrl, 'POST', path, resumed.token, { type: 'message', text: '重启后' });
      const all = await pollUntil(second.baseUrl, minted.conversationId, resumed.token, (acts) =>
        acts.some((a) => a.text === '收到：重启后'),
      );
      expect(all.map((a) => a.text).filter(Boolean)).toEqual([
        '您好，我是测试机器人。',
        '重启前',
        '收到：重启前',
        '重启后',
        '收到：重启后',
      ]);
      // Watermarks continue after the restart.
      const ids = all.map((a) => a.id).filter((id) => !id.includes('typing'));
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await second.stop();
    }
  });

  it('when a token for another conversation or a forged one is offered to /api/chat/token, then a new conversation starts instead', async () => {
    const server = await startChannelServer(new ChannelTestBot());
    dirs.push(server.dataDir);
    try {
      const a = chatToken.parse((await call(server.baseUrl, 'POST', '/api/chat/token', undefined, {})).body);
      const b = chatToken.parse((await call(server.baseUrl, 'POST', '/api/chat/token', undefined, {})).body);
      const mixed = chatToken.parse(
        (
          await call(server.baseUrl, 'POST', '/api/chat/token', undefined, {
            conversationId: b.conversationId,
            token: a.token,
          })
        ).body,
      );
      expect(mixed.resumed).toBe(false);
      expect([a.conversationId, b.conversationId]).not.toContain(mixed.conversationId);
    } finally {
      await server.stop();
    }
  });

  it('when a Direct Line token has expired, then the REST calls answer 403', async () => {
    const server = await startChannelServer(new ChannelTestBot(), { secret: 'persist-secret-0123456789' });
    dirs.push(server.dataDir);
    try {
      const fresh = conversationSchema.parse(
        (await call(server.baseUrl, 'POST', '/v3/directline/tokens/generate', 'persist-secret-0123456789', {})).body,
      );
      const stale = (
        await new TokenIssuer('persist-secret-0123456789', () => Date.now() - 31 * 60_000).issue(
          fresh.conversationId,
          'dl_someone',
        )
      ).token;
      expect(
        (await call(server.baseUrl, 'GET', `/v3/directline/conversations/${fresh.conversationId}/activities`, stale))
          .status,
      ).toBe(403);
      expect((await call(server.baseUrl, 'POST', '/v3/directline/tokens/refresh', stale)).status).toBe(403);
    } finally {
      await server.stop();
    }
  });
});
