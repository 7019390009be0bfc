import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAttachmentWording } from '../../src/attachments/attachmentWording.js';
import { call } from '../directline/support/dlClient.js';
import { startApp, type RunningApp } from '../web/startApp.js';
import { CustomerClient } from '../web/support/customerClient.js';
import { exifHasGps, jpegWithGps, logText, png, windowsExecutable } from './support/fixtures.js';
import { stored } from './support/storedFiles.js';
import { clientAttachmentSchema, uploadAnswerSchema, uploadLikeWebChat } from './support/upload.js';
import { fillTemplate } from '../../src/text/template.js';

const wording = loadAttachmentWording('knowledge');
const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const MB = 1024 * 1024;

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => app?.stop());

async function customer(): Promise<CustomerClient> {
  const client = await CustomerClient.start(app.baseUrl);
  await client.waitForText(/售后服务小助手/);
  return client;
}

/** The attachments of the customer's own message with this id, as their stream delivered it. */
function attachmentsOf(client: CustomerClient, id: string) {
  const echo = client.stream.sets.flatMap((s) => s.activities).find((a) => a.id === id);
  return clientAttachmentSchema.array().parse(echo?.attachments ?? []);
}

describe('uploads that are refused', () => {
  it('when a program is renamed panel.png, then the chat says it is an executable and nothing is stored', async () => {
    const client = await customer();
    try {
      const contentsBefore = (await stored(app)).contents;
      const res = await uploadLikeWebChat(app.baseUrl, client.conversationId, client.token, [
        { name: 'panel.png', type: 'image/png', bytes: windowsExecutable() },
      ]);
      expect(res.status).toBe(200);
      await client.waitForText(
        literally(fillTemplate(wording.rejectedLine, { name: 'panel.png', reason: wording.reasons.executable })),
      );
      expect(await stored(app, client.conversationId)).toMatchObject({ records: [], temporary: [] });
      expect((await stored(app)).contents).toEqual(contentsBefore);
      expect(attachmentsOf(client, uploadAnswerSchema.parse(res.body).id)).toEqual([]);
    } finally {
      client.close();
    }
  });

  it('when a file is larger than 10 MB, then the chat names the limit and nothing is stored', async () => {
    const client = await customer();
    try {
      const contentsBefore = (await stored(app)).contents;
      const big = Buffer.alloc(10 * MB + 1, 'x');
      expect(
        (
          await uploadLikeWebChat(app.baseUrl, client.conversationId, client.token, [
            { name: 'full-dump.log', type: 'text/plain', bytes: big },
          ])
        ).status,
      ).toBe(200);
      await client.waitForText(
        literally(
          fillTemplate(wording.rejectedLine, {
            name: 'full-dump.log',
            reason: fillTemplate(wording.reasons.too_large, { maxMb: 10 }),
          }),
        ),
      );
      expect(await stored(app, client.conversationId)).toMatchObject({ records: [], temporary: [] });
      expect((await stored(app)).contents).toEqual(contentsBefore);
    } finally {
      client.close();
    }
  });

  it('when one message carries six files, then none of them is stored and the chat says five is the most', async () => {
    const client = await customer();
    try {
      const contentsBefore = (await stored(app)).contents;
      const files = await Promise.all(
        [1, 2, 3, 4, 5, 6].map(async (i) => ({ name: `p${i}.png`, type: 'image/png', bytes: await png(10 + i, 10) })),
      );
      expect((await uploadLikeWebChat(app.baseUrl, client.conversationId, client.token, files)).status).toBe(200);
      await client.waitForText(literally(fillTemplate(wording.reasons.too_many, { maxFiles: 5, count: 6 })));
      expect(await stored(app, client.conversationId)).toMatchObject({ records: [], temporary: [] });
      expect((await stored(app)).contents).toEqual(contentsBefore);
    } finally {
      client.close();
    }
  });

  it('when a customer uploads into another conversation with their own token, then it is 403 with a reason and neither conversation stores anything', async () => {
    const owner = await customer();
    const other = await customer();
    try {
      const before = (
        await call(app.baseUrl, 'GET', `/v3/directline/conversations/${owner.conversationId}/activities`, owner.token)
      ).body;
      const res = await uploadLikeWebChat(app.baseUrl, owner.conversationId, other.token, [
        { name: 'a.png', type: 'image/png', bytes: await png() },
      ]);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'forbidden', message: '令牌不属于此会话' } });
      expect(await stored(app, owner.conversationId)).toMatchObject({ records: [], temporary: [] });
      expect(await stored(app, other.conversationId)).toMatchObject({ records: [] });
      expect(
        (await call(app.baseUrl, 'GET', `/v3/directline/conversations/${owner.conversationId}/activities`, owner.token))
          .body,
      ).toEqual(before);
    } finally {
      owner.close();
      other.close();
    }
  });

  it('when a good photo and a refused file come together, then the photo is stored and only the other is named as refused', async () => {
    const client = await customer();
    try {
      const res = await uploadLikeWebChat(app.baseUrl, client.conversationId, client.token, [
        { name: 'light.png', type: 'image/png', bytes: await png(33, 22, '#f00') },
        { name: 'tool.log', type: 'text/plain', bytes: windowsExecutable() },
      ]);
      await client.waitForText(
        literally(fillTemplate(wording.rejectedLine, { name: 'tool.log', reason: wording.reasons.executable })),
      );
      const { records } = await stored(app, client.conversationId);
      expect(records.map((r) => [r.name, r.type])).toEqual([['light.png', 'image/png']]);
      expect(attachmentsOf(client, uploadAnswerSchema.parse(res.body).id).map((a) => a.name)).toEqual(['light.png']);
    } finally {
      client.close();
    }
  });

  it('when the body is not multipart or the activity part is missing, then it is 415 or 400 and nothing is stored', async () => {
    const client = await customer();
    try {
      const json = await call(
        app.baseUrl,
        'POST',
        `/v3/directline/conversations/${client.conversationId}/upload`,
        client.token,
        { type: 'message' },
      );
      expect(json.status).toBe(415);
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await png())], { type: 'image/png' }), 'a.png');
      const res = await fetch(`${app.baseUrl}/v3/directline/conversations/${client.conversationId}/upload`, {
        method: 'POST',
        headers: { authorization: `Bearer ${client.token}` },
        body: form,
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { details: { field: 'activity' } } });
      expect(await stored(app, client.conversationId)).toMatchObject({ records: [], temporary: [] });
    } finally {
      client.close();
    }
  });
});

describe('uploads that are stored', () => {
  it('when a photo carries GPS coordinates, then the stored file and its download have no EXIF, and its sha256 is of what is stored', async () => {
    const client = await customer();
    try {
      const photo = await jpegWithGps();
      expect(exifHasGps((await sharp(photo).metadata()).exif)).toBe(true);
      const res = await uploadLikeWebChat(app.baseUrl, client.conversationId, client.token, [
        { name: '机房.jpg', type: 'image/jpeg', bytes: photo },
      ]);
      await client.waitForText(/已收到 1 张图片/);
      const { records, contents } = await stored(app, client.conversationId);
      const record = records[0];
      const file = contents.find((path) => record && path.endsWith(record.sha256));
      if (!record || !file) throw new Error('photo not stored');
      const bytes = readFileSync(file);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(record.sha256);
      expect(record.sha256).not.toBe(createHash('sha256').update(photo).digest('hex'));
      expect((await sharp(bytes).metadata()).exif).toBeUndefined();
      const [link] = attachmentsOf(client, uploadAnswerSchema.parse(res.body).id);
      const download = Buffer.from(await (await fetch(link?.contentUrl ?? '')).arrayBuffer());
      expect(download.equals(bytes)).toBe(true);
      expect(bytes.includes(Buffer.from('TestCam'))).toBe(false);
    } finally {
      client.close();
    }
  });

  it('when the same file is uploaded twice, and again in another conversation, then its content is stored once', async () => {
    const first = await customer();
    const second = await customer();
    try {
      const log = logText(120);
      const sha = createHash('sha256').update(log).digest('hex');
      for (const client of [first, first, second]) {
        expect(
          (
            await uploadLikeWebChat(app.baseUrl, client.conversationId, client.token, [
              { name: 'sel.log', type: 'text/plain', bytes: log },
            ])
          ).status,
        ).toBe(200);
      }
      await first.waitForText(/已收到 1 个文件/);
      await second.waitForText(/已收到 1 个文件/);
      expect((await stored(app, first.conversationId)).records).toHaveLength(1);
      expect((await stored(app, second.conversationId)).records).toHaveLength(1);
      expect((await stored(app)).contents.filter((path) => path.endsWith(sha))).toHaveLength(1);
    } finally {
      first.close();
      second.close();
    }
  });
});

describe('an upload too large to read', () => {
  let small: RunningApp;
  beforeAll(async () => {
    small = await startApp({ ATTACHMENT_MAX_FILE_MB: '0.01', ATTACHMENT_MAX_FILES: '1' });
  });
  afterAll(async () => small?.stop());

  it('when a body without a length (chunked) goes on past the limits, then reading stops with 413 and nothing is stored', async () => {
    const client = await CustomerClient.start(small.baseUrl);
    try {
      const boundary = 'chunkedBoundary';
      const url = new URL(`${small.baseUrl}/v3/directline/conversations/${client.conversationId}/upload?userId=u`);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          url,
          {
            method: 'POST',
            headers: {
              authorization: `Bearer ${client.token}`,
              'content-type': `multipart/form-data; boundary=${boundary}`,
              'transfer-encoding': 'chunked',
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.write(
          `--${boundary}\r\nContent-Disposition: form-data; name="activity"; filename="blob"\r\nContent-Type: application/vnd.microsoft.activity\r\n\r\n{"type":"message"}\r\n`,
        );
        req.write(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="endless.log"\r\nContent-Type: text/plain\r\n\r\n`,
        );
        // Up to 8 MB, one 64 KB chunk at a time, until the server answers.
        let sent = 0;
        const more = () => {
          while (sent < 8 * MB && !req.destroyed) {
            sent += 64 * 1024;
            if (!req.write(Buffer.alloc(64 * 1024, 'q'))) return void req.once('drain', more);
          }
          req.end(`\r\n--${boundary}--\r\n`);
        };
        more();
      });
      expect(status).toBe(413);
      await client.waitForText(literally(wording.reasons.request_too_large));
      expect(await stored(small, client.conversationId)).toMatchObject({ records: [], temporary: [] });
    } finally {
      client.close();
    }
  });

  it('when a file is exactly the limit, then it is stored, and one byte more is refused', async () => {
    const client = await CustomerClient.start(small.baseUrl);
    try {
      const limit = Math.round(0.01 * MB);
      await uploadLikeWebChat(small.baseUrl, client.conversationId, client.token, [
        { name: 'exact.log', type: 'text/plain', bytes: Buffer.alloc(limit, 'z') },
      ]);
      await client.waitForText(/已收到 1 个文件/);
      await uploadLikeWebChat(small.baseUrl, client.conversationId, client.token, [
        { name: 'over.log', type: 'text/plain', bytes: Buffer.alloc(limit + 1, 'w') },
      ]);
      await client.waitForText(
        literally(
          fillTemplate(wording.rejectedLine, {
            name: 'over.log',
            reason: fillTemplate(wording.reasons.too_large, { maxMb: 0.01 }),
          }),
        ),
      );
      expect((await stored(small, client.conversationId)).records.map((r) => [r.name, Number(r.size)])).toEqual([
        ['exact.log', limit],
      ]);
    } finally {
      client.close();
    }
  });

  it('when the body is beyond what the limits allow, then it is 413 at once, the chat says why, and nothing is stored', async () => {
    const client = await CustomerClient.start(small.baseUrl);
    try {
      const res = await uploadLikeWebChat(small.baseUrl, client.conversationId, client.token, [
        { name: 'dump.log', type: 'text/plain', bytes: Buffer.alloc(3 * MB, 'y') },
      ]);
      expect(res.status).toBe(413);
      await client.waitForText(
        literally(
          fillTemplate(wording.rejectedLine, { name: wording.wholeUpload, reason: wording.reasons.request_too_large }),
        ),
      );
      expect(await stored(small, client.conversationId)).toMatchObject({ records: [], temporary: [] });
    } finally {
      client.close();
    }
  });
});
