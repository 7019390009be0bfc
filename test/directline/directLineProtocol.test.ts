import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, conversationSchema, openStream, pollUntil } from './support/dlClient.js';
import { startChannelServer, type ChannelServer } from './support/startChannelServer.js';
import { ChannelTestBot } from './support/testBot.js';

const SECRET = 'test-secret-0123456789abcdef';
let server: ChannelServer;

beforeAll(async () => {
  server = await startChannelServer(new ChannelTestBot(), { secret: SECRET });
});
afterAll(async () => server.stop());

async function newConversation(): Promise<{ conversationId: string; token: string }> {
  const generated = await call(server.baseUrl, 'POST', '/v3/directline/tokens/generate', SECRET, {});
  expect(generated.status).toBe(200);
  const { conversationId, token } = conversationSchema.parse(generated.body);
  const started = await call(server.baseUrl, 'POST', '/v3/directline/conversations', token);
  expect(started.status).toBe(201);
  expect(conversationSchema.parse(started.body).conversationId).toBe(conversationId);
  return { conversationId, token };
}

describe('Direct Line REST', () => {
  it('when the token endpoint is called without the secret, then it refuses', async () => {
    expect((await call(server.baseUrl, 'POST', '/v3/directline/tokens/generate', undefined, {})).status).toBe(401);
    expect(
      (await call(server.baseUrl, 'POST', '/v3/directline/tokens/generate', 'wrong-secret-0123456789', {})).status,
    ).toBe(403);
  });

  it('when a user posts a message, then the echo keeps clientActivityID and the bot replies to it with suggested actions', async () => {
    const { conversationId, token } = await newConversation();
    const posted = await call(
      server.baseUrl,
      'POST',
      `/v3/directline/conversations/${conversationId}/activities`,
      token,
      {
        type: 'message',
        text: '你好',
        from: { id: 'someone-else' },
        channelData: { clientActivityID: 'client-1' },
      },
    );
    expect(posted.status).toBe(200);
    const all = await pollUntil(server.baseUrl, conversationId, token, (acts) =>
      acts.some((a) => a.text === '收到：你好'),
    );
    const echo = all.find((a) => a.text === '你好');
    const reply = all.find((a) => a.text === '收到：你好');
    expect(echo?.id).toBe(z(posted.body).id);
    expect(echo?.channelData).toEqual({ clientActivityID: 'client-1' });
    expect(echo?.from).toMatchObject({ role: 'user' });
    expect(echo?.from).not.toMatchObject({ id: 'someone-else' });
    expect(reply?.replyToId).toBe(echo?.id);
    expect(reply?.suggestedActions).toMatchObject({ actions: [{ title: '选项一' }, { title: '选项二' }] });
  });

  it('when a client sends fields only a channel may set, then they are dropped from the logged activity', async () => {
    const { conversationId, token } = await newConversation();
    const posted = await call(
      server.baseUrl,
      'POST',
      `/v3/directline/conversations/${conversationId}/activities`,
      token,
      {
        type: 'message',
        text: '伪造',
        replyToId: 'someone|0000001',
        callerId: 'urn:botframework:azure',
        serviceUrl: 'http://evil.example',
        relatesTo: { conversation: { id: 'x' } },
      },
    );
    expect(posted.status).toBe(200);
    const all = await pollUntil(server.baseUrl, conversationId, token, (acts) =>
      acts.some((a) => a.text === '收到：伪造'),
    );
    const echo = all.find((a) => a.text === '伪造');
    expect(echo).toBeDefined();
    for (const field of ['replyToId', 'callerId', 'serviceUrl', 'relatesTo']) expect(echo).not.toHaveProperty(field);
  });

  it('when a token is used on another conversation, then it is forbidden', async () => {
    const first = await newConversation();
    const second = await newConversation();
    const res = await call(
      server.baseUrl,
      'GET',
      `/v3/directline/conversations/${second.conversationId}/activities`,
      first.token,
    );
    expect(res.status).toBe(403);
    const post = await call(
      server.baseUrl,
      'POST',
      `/v3/directline/conversations/${second.conversationId}/activities`,
      first.token,
      { type: 'message', text: 'x' },
    );
    expect(post.status).toBe(403);
  });

  it('when the token is refreshed or the conversation is reconnected, then a new token for the same conversation comes back with an absolute ws stream URL', async () => {
    const { conversationId, token } = await newConversation();
    const refreshed = conversationSchema.parse(
      (await call(server.baseUrl, 'POST', '/v3/directline/tokens/refresh', token)).body,
    );
    expect(refreshed.conversationId).toBe(conversationId);
    const reconnect = await call(
      server.baseUrl,
      'GET',
      `/v3/directline/conversations/${conversationId}?watermark=3`,
      refreshed.token,
    );
    const body = conversationSchema.parse(reconnect.body);
    expect(body.streamUrl).toMatch(
      new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${conversationId}/stream\\?watermark=3&t=`),
    );
  });

  it('when an activity is malformed or too long, then the reply is 400 or 413 and the conversation goes on', async () => {
    const { conversationId, token } = await newConversation();
    const path = `/v3/directline/conversations/${conversationId}/activities`;
    expect((await call(server.baseUrl, 'POST', path, token, { text: 'no type' })).status).toBe(400);
    expect((await call(server.baseUrl, 'POST', path, token, { type: 'message', text: '长'.repeat(5000) })).status).toBe(
      413,
    );
    expect(
      (await call(server.baseUrl, 'POST', `/v3/directline/conversations/${conversationId}/upload`, token, {})).status,
    ).toBe(501);
    expect((await call(server.baseUrl, 'POST', path, token, { type: 'message', text: '还在吗' })).status).toBe(200);
  });

  it('when webchat/join is sent twice, then the welcome comes once', async () => {
    const { conversationId, token } = await newConversation();
    const path = `/v3/directline/conversations/${conversationId}/activities`;
    await call(server.baseUrl, 'POST', path, token, { type: 'event', name: 'webchat/join' });
    await call(server.baseUrl, 'POST', path, token, { type: 'event', name: 'webchat/join' });
    await call(server.baseUrl, 'POST', path, token, { type: 'message', text: '第一句' });
    const all = await pollUntil(server.baseUrl, conversationId, token, (acts) =>
      acts.some((a) => a.text === '收到：第一句'),
    );
    const welcomes = all.filter((a) => a.text === '您好，我是测试机器人。');
    expect(welcomes).toHaveLength(1);
    expect(welcomes[0]?.replyToId).toBeUndefined();
  });
});

describe('Direct Line stream', () => {
  it('when a client connects, then it gets activity sets with watermarks and a typing indicator while the bot works', async () => {
    const { conversationId, token } = await newConversation();
    const start = conversationSchema.parse(
      (await call(server.baseUrl, 'POST', '/v3/directline/conversations', token)).body,
    );
    const stream = openStream(start.streamUrl ?? '');
    await stream.opened;
    stream.socket.send(''); // the client heartbeat is ignored
    await call(server.baseUrl, 'POST', `/v3/directline/conversations/${conversationId}/activities`, token, {
      type: 'message',
      text: '在吗',
    });
    await stream.waitFor((sets) => sets.some((s) => s.activities.some((a) => a.text === '收到：在吗')));
    const kinds = stream.sets.flatMap((s) => s.activities.map((a) => a.type));
    expect(kinds).toContain('typing');
    const lastWithWatermark = stream.sets.filter((s) => s.watermark).at(-1);
    expect(Number(lastWithWatermark?.watermark)).toBe(2);
    stream.socket.close();

    // Reconnecting from watermark 1 replays only what came after it.
    const again = openStream(start.streamUrl?.replace('watermark=', 'watermark=1') ?? '');
    await again.waitFor((sets) => sets.length > 0);
    expect(again.sets[0]?.activities.map((a) => a.text)).toEqual(['收到：在吗']);
    again.socket.close();
  });

  it('when the stream URL carries a token for another conversation, then the upgrade is refused', async () => {
    const first = await newConversation();
    const second = await newConversation();
    const stream = openStream(
      `${server.baseUrl.replace('http', 'ws')}/v3/directline/conversations/${second.conversationId}/stream?t=${first.token}`,
    );
    await expect(stream.opened).rejects.toThrow(/403/);
  });
});

function z(body: unknown): { id?: string } {
  return typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string'
    ? { id: body.id }
    : {};
}
