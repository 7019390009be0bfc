import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../web/startApp.js';
import { rawUpgrade } from '../web/support/rawUpgrade.js';
import { CustomerClient } from '../web/support/customerClient.js';
import { call } from './support/dlClient.js';

let app: RunningApp;
let customer: CustomerClient;

beforeAll(async () => {
  app = await startApp();
  customer = await CustomerClient.start(app.baseUrl);
});
afterAll(async () => {
  customer.close();
  await app.stop();
});

/** The server still answers an ordinary request (it did not crash). */
async function stillServing(): Promise<boolean> {
  return (await call(app.baseUrl, 'POST', '/api/chat/token', undefined, {})).status === 200;
}

describe('the Direct Line stream with hostile input', () => {
  it('when a stream URL has a malformed %-escape or an unparsable form, then the upgrade gets 400 and the server keeps running', async () => {
    expect(await rawUpgrade(app.baseUrl, `/v3/directline/conversations/%E0%A4%A/stream?t=${customer.token}`)).toBe(
      'HTTP/1.1 400 Bad Request',
    );
    expect(await rawUpgrade(app.baseUrl, '//[')).toBe('HTTP/1.1 400 Bad Request');
    expect(
      await rawUpgrade(
        app.baseUrl,
        `/v3/directline/conversations/${customer.conversationId}/stream?t=${customer.token}&watermark=-5`,
      ),
    ).toBe('HTTP/1.1 400 Bad Request');
    expect(await stillServing()).toBe(true);
  });

  it('when a client sends a frame over the size limit, then its stream closes (1009) and the server keeps running', async () => {
    const started = await call(
      app.baseUrl,
      'GET',
      `/v3/directline/conversations/${customer.conversationId}`,
      customer.token,
    );
    const streamUrl =
      typeof started.body === 'object' && started.body !== null && 'streamUrl' in started.body
        ? String(started.body.streamUrl)
        : '';
    const socket = new WebSocket(streamUrl);
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('x'.repeat(200 * 1024));
    expect(await closed).toBe(1009);
    expect(await stillServing()).toBe(true);
  });
});
