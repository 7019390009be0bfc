import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity, post, startApp, type RunningApp } from './appServer.js';

let dataDir: string;
let running: RunningApp;
let channel: Server;
let channelUrl = '';
const received: Array<{ path: string; text: unknown }> = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'bot-emulator-'));
  running = await startApp(dataDir);
  // A stand-in for the Bot Framework Emulator's channel service: it accepts the bot's replies.
  const app = express();
  app.post('/v3/conversations/:conversation/activities/:activity', express.json(), (req, res) => {
    const body: unknown = req.body;
    received.push({
      path: req.path,
      text: typeof body === 'object' && body !== null && 'text' in body ? body.text : undefined,
    });
    res.json({ id: `reply-${received.length}` });
  });
  channel = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const address = channel.address();
  channelUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => channel.close(() => resolve()));
  await running.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the Emulator channel (no credentials, loopback serviceUrl)', () => {
  it('when the emulator opens a conversation and sends a message normally, then the replies are posted back to its serviceUrl', async () => {
    const update = await post(running.baseUrl, {
      ...messageActivity('conv-emu', ''),
      type: 'conversationUpdate',
      deliveryMode: undefined,
      id: 'act-1',
      text: undefined,
      serviceUrl: channelUrl,
      membersAdded: [{ id: 'user-conv-emu' }],
    });
    expect(update.status).toBe(200);
    const message = await post(running.baseUrl, {
      ...messageActivity('conv-emu', '你好'),
      deliveryMode: undefined,
      id: 'act-2',
      serviceUrl: channelUrl,
    });
    expect(message.status).toBe(200);
    expect(received.map((r) => r.path)).toEqual([
      '/v3/conversations/conv-emu/activities/act-1',
      '/v3/conversations/conv-emu/activities/act-2',
    ]);
    expect(received.every((r) => typeof r.text === 'string' && r.text.length > 0)).toBe(true);
  });
});
