import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageActivity, post, startApp, type RunningApp } from '../app/appServer.js';

let dataDir: string;
let running: RunningApp;
/** What the bot was handed, turn by turn (the interceptor sees every activity first). */
const seen: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'messages-route-'));
  running = await startApp(
    dataDir,
    {},
    {
      interceptor: async (context) => {
        seen.push(context.activity.text ?? '');
        return false;
      },
    },
  );
});
afterAll(async () => {
  await running.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The raw JSON of an activity whose text is spliced in verbatim (so \\uD800 stays a lone surrogate). */
const rawActivity = (conversationId: string, jsonText: string) =>
  JSON.stringify(messageActivity(conversationId, 'PLACEHOLDER')).replace('"PLACEHOLDER"', jsonText);

describe('POST /api/messages with hostile text', () => {
  it.each([
    ['a lone surrogate', '"硬盘\\ud800坏了"', /不完整的 Unicode/],
    ['a NUL', '"硬盘\\u0000坏了"', /控制字符/],
    ['a terminal escape', '"\\u001b[2J清屏"', /控制字符/],
  ])(
    'when the text holds %s, then it is a 400 naming text in Chinese and the bot never sees it',
    async (_label, jsonText, reason) => {
      const before = seen.length;
      const res = await post(running.baseUrl, rawActivity('conv-hostile', jsonText));
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'bad_request', details: { field: 'text' } } });
      expect(JSON.stringify(res.json)).toMatch(reason);
      expect(seen.length).toBe(before);
    },
  );

  it('when the text holds a right-to-left override, then the bot gets the text without it and answers', async () => {
    const res = await post(running.baseUrl, messageActivity('conv-rtl', '硬盘\u202E了坏'));
    expect(res.status).toBe(200);
    expect(seen.at(-1)).toBe('硬盘了坏');
    expect(res.texts.length).toBeGreaterThan(0);
  });

  it('when the body is not JSON-typed or nests too deeply, then it is a clear 4xx and the server keeps answering', async () => {
    const plain = await fetch(`${running.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(messageActivity('c', '你好')),
    });
    expect(plain.status).toBe(415);
    const deep = await post(
      running.baseUrl,
      JSON.stringify({ ...messageActivity('conv-deep', '你好'), value: 'DEEP' }).replace(
        '"DEEP"',
        `${'['.repeat(5000)}${']'.repeat(5000)}`,
      ),
    );
    expect(deep.status).toBe(400);
    const after = await post(running.baseUrl, messageActivity('conv-after', '你好'));
    expect(after.status).toBe(200);
    expect(after.texts.length).toBeGreaterThan(0);
  });
});
