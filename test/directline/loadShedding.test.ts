import { ActivityHandler } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { call, conversationSchema, pollUntil } from './support/dlClient.js';
import { removeDir, startChannelServer, type ChannelServer } from './support/startChannelServer.js';

const SECRET = 'test-directline-secret-0123456789';

/** A bot whose turns wait until the test lets them go, so turns pile up on the instance. */
class HeldBot extends ActivityHandler {
  private release: () => void = () => undefined;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  started = 0;

  constructor() {
    super();
    this.onMessage(async (context, next) => {
      this.started++;
      await this.gate;
      await context.sendActivity(`收到：${context.activity.text ?? ''}`);
      await next();
    });
  }

  letGo(): void {
    this.release();
  }
}

let server: ChannelServer | undefined;
afterEach(async () => {
  await server?.stop();
  if (server) removeDir(server.dataDir);
  server = undefined;
});

async function newConversation(baseUrl: string): Promise<{ id: string; token: string }> {
  const started = conversationSchema.parse((await call(baseUrl, 'POST', '/v3/directline/conversations', SECRET)).body);
  return { id: started.conversationId, token: started.token };
}

const say = (baseUrl: string, c: { id: string; token: string }, text: string) =>
  call(baseUrl, 'POST', `/v3/directline/conversations/${c.id}/activities`, c.token, {
    type: 'message',
    from: { id: 'dl_customer' },
    text,
  });

describe('refusing customer posts while too many turns are queued', () => {
  it('when the queue is full, then a post is refused with 503 and not logged, and once the turns finish posts are taken again', async () => {
    const bot = new HeldBot();
    let shed = 0;
    server = await startChannelServer(bot, { shedding: { maxQueuedTurns: 2, onShed: () => shed++ } });
    const { baseUrl } = server;
    const first = await newConversation(baseUrl);
    const second = await newConversation(baseUrl);
    const third = await newConversation(baseUrl);
    expect((await say(baseUrl, first, '硬盘坏了')).status).toBe(200);
    expect((await say(baseUrl, second, '电源坏了')).status).toBe(200);

    const refused = await say(baseUrl, third, '风扇坏了');
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: { code: 'unavailable' } });
    expect(shed).toBe(1);
    const logged = await pollUntil(baseUrl, third.id, third.token, () => true);
    expect(logged.some((a) => a.text === '风扇坏了')).toBe(false);

    bot.letGo();
    await pollUntil(baseUrl, second.id, second.token, (all) => all.some((a) => a.text === '收到：电源坏了'));
    await server.directLine.service.idle(first.id);
    expect(server.directLine.service.queuedTurns).toBe(0);
    expect((await say(baseUrl, third, '风扇坏了')).status).toBe(200);
    await pollUntil(baseUrl, third.id, third.token, (all) => all.some((a) => a.text === '收到：风扇坏了'));
    expect(shed).toBe(1);
  });

  it('when no limit is given, then posts queue however many turns wait', async () => {
    const bot = new HeldBot();
    server = await startChannelServer(bot);
    const { baseUrl } = server;
    const conversations = await Promise.all([1, 2, 3, 4].map(() => newConversation(baseUrl)));
    for (const c of conversations) expect((await say(baseUrl, c, '保修多久')).status).toBe(200);
    expect(server.directLine.service.queuedTurns).toBe(4);
    bot.letGo();
    for (const c of conversations) await server.directLine.service.idle(c.id);
    expect(server.directLine.service.queuedTurns).toBe(0);
  });
});
