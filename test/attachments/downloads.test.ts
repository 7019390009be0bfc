import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadAttachmentWording } from '../../src/attachments/attachmentWording.js';
import { AttachmentLinks } from '../../src/directline/attachmentLinks.js';
import { activitySetSchema, call } from '../directline/support/dlClient.js';
import { startApp, type RunningApp } from '../web/startApp.js';
import { AgentClient } from '../web/support/agentClient.js';
import { CustomerClient } from '../web/support/customerClient.js';
import { logText, pdf, png, windowsExecutable, zip } from './support/fixtures.js';
import { stored } from './support/storedFiles.js';
import { clientAttachmentSchema, uploadAnswerSchema, uploadLikeWebChat, type UploadFile } from './support/upload.js';
import { fillTemplate } from '../../src/text/template.js';

const wording = loadAttachmentWording('knowledge');
const AGENT = { login: 'agent.qian', password: 'downloads-only-7' };

let app: RunningApp;
let agent: AgentClient;
beforeAll(async () => {
  app = await startApp();
  await app.built.agents.addAgent(AGENT.login, AGENT.password);
  agent = await AgentClient.login(app.baseUrl, AGENT.login, AGENT.password);
});
afterAll(async () => app?.stop());

async function customer(): Promise<CustomerClient> {
  const client = await CustomerClient.start(app.baseUrl);
  await client.waitForText(/售后服务小助手/);
  return client;
}

/** Uploads files and returns them as the customer's own stream shows them (signed links). */
async function upload(client: CustomerClient, files: UploadFile[]) {
  const res = await uploadLikeWebChat(app.baseUrl, client.conversationId, client.token, files);
  const { id } = uploadAnswerSchema.parse(res.body);
  await client.stream.waitFor((sets) => sets.some((s) => s.activities.some((a) => a.id === id)));
  const echo = client.stream.sets.flatMap((s) => s.activities).find((a) => a.id === id);
  const ids = z.object({ attachmentIds: z.array(z.string()) }).parse(echo?.channelData).attachmentIds;
  return clientAttachmentSchema
    .array()
    .parse(echo?.attachments)
    .map((a, i) => ({ ...a, id: ids[i] ?? '' }));
}

const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('customers’ download links', () => {
  it('when a customer opens their signed links, then images come inline and other files as downloads, never sniffed or scripted', async () => {
    const client = await customer();
    try {
      const files = await upload(client, [
        { name: 'panel.png', type: 'image/png', bytes: await png() },
        { name: 'sel.log', type: 'text/plain', bytes: logText() },
        { name: '手册.pdf', type: 'application/pdf', bytes: pdf() },
        { name: 'logs.zip', type: 'application/zip', bytes: zip([{ name: 'a.log', data: logText() }]) },
      ]);
      const heads = await Promise.all(
        files.map(async (f) => {
          const res = await fetch(f.contentUrl);
          return [
            res.status,
            res.headers.get('content-type'),
            res.headers.get('content-disposition')?.split(';')[0],
            res.headers.get('x-content-type-options'),
            res.headers.get('content-security-policy'),
          ];
        }),
      );
      expect(heads).toEqual([
        [200, 'image/png', 'inline', 'nosniff', "default-src 'none'; sandbox"],
        [200, 'text/plain; charset=utf-8', 'attachment', 'nosniff', "default-src 'none'; sandbox"],
        [200, 'application/pdf', 'attachment', 'nosniff', "default-src 'none'; sandbox"],
        [200, 'application/zip', 'attachment', 'nosniff', "default-src 'none'; sandbox"],
      ]);
      expect((await fetch(files[1]?.contentUrl ?? '')).headers.get('content-disposition')).toBe(
        `attachment; filename="sel.log"; filename*=UTF-8''sel.log`,
      );
      expect((await fetch(files[2]?.contentUrl ?? '')).headers.get('content-disposition')).toContain(
        `filename*=UTF-8''${encodeURIComponent('手册.pdf')}`,
      );
      // Only pictures have thumbnails, and they are WebP.
      expect(files.map((f) => f.thumbnailUrl !== undefined)).toEqual([true, false, false, false]);
      const thumbnail = await fetch(files[0]?.thumbnailUrl ?? '');
      expect([thumbnail.status, thumbnail.headers.get('content-type')]).toEqual([200, 'image/webp']);
    } finally {
      client.close();
    }
  });

  it('when a link is used for another conversation, altered, expired or missing, then nothing is served', async () => {
    const owner = await customer();
    const other = await customer();
    try {
      const [file] = await upload(owner, [{ name: 'a.png', type: 'image/png', bytes: await png() }]);
      if (!file) throw new Error('no file');
      const url = new URL(file.contentUrl);
      const path = url.pathname;
      expect((await fetch(file.contentUrl)).status).toBe(200);
      // The same signature under the other conversation's path does not verify.
      expect(
        (await fetch(`${app.baseUrl}${path.replace(owner.conversationId, other.conversationId)}${url.search}`)).status,
      ).toBe(403);
      url.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 60));
      expect((await fetch(url)).status).toBe(403);
      const links = new AttachmentLinks(app.built.web.directLine.secret);
      const expired = links.link(
        { conversationId: owner.conversationId, expiresAt: Math.floor(Date.now() / 1000) - 1, origin: app.baseUrl },
        file.id,
      );
      expect((await fetch(expired)).status).toBe(403);
      expect((await fetch(`${app.baseUrl}${path}`)).status).toBe(401);
      // Bearer tokens: the owner's works, the other customer's is refused, and through their own
      // conversation the file does not exist.
      const bearer = (token: string, at = path) =>
        fetch(`${app.baseUrl}${at}`, { headers: { authorization: `Bearer ${token}` } });
      expect((await bearer(owner.token)).status).toBe(200);
      expect((await bearer(other.token)).status).toBe(403);
      expect((await bearer(other.token, path.replace(owner.conversationId, other.conversationId))).status).toBe(404);
    } finally {
      owner.close();
      other.close();
    }
  });

  it('when the conversation is read by polling, then its attachment links are signed for that reader too', async () => {
    const client = await customer();
    try {
      await upload(client, [{ name: 'poll.png', type: 'image/png', bytes: await png(12, 12) }]);
      const res = await call(
        app.baseUrl,
        'GET',
        `/v3/directline/conversations/${client.conversationId}/activities`,
        client.token,
      );
      const set = activitySetSchema.parse(res.body);
      const [attachment] = set.activities.flatMap((a) =>
        clientAttachmentSchema
          .array()
          .catch([])
          .parse(a.attachments ?? []),
      );
      expect(attachment?.contentUrl).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\/.+\/attachments\/[\w-]{22}\?exp=\d+&sig=[\w-]{43}$/,
      );
      expect((await fetch(attachment?.contentUrl ?? '')).status).toBe(200);
    } finally {
      client.close();
    }
  });
});

describe('agents and files', () => {
  it('when an agent downloads a file or its thumbnail, then the login token is required', async () => {
    const client = await customer();
    try {
      const photo = await png(50, 40);
      const [file] = await upload(client, [{ name: 'x.png', type: 'image/png', bytes: photo }]);
      const path = `/api/attachments/${file?.id ?? ''}`;
      expect((await fetch(`${app.baseUrl}${path}`)).status).toBe(401);
      expect(
        (await fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${client.token}` } })).status,
      ).toBe(401);
      const res = await fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${agent.token}` } });
      expect(sha(await bytesOf(res))).toBe(sha(photo));
      const thumbnail = await fetch(`${app.baseUrl}${path}/thumbnail`, {
        headers: { authorization: `Bearer ${agent.token}` },
      });
      expect(thumbnail.headers.get('content-type')).toBe('image/webp');
      expect(
        (
          await fetch(`${app.baseUrl}/api/attachments/not-an-id`, {
            headers: { authorization: `Bearer ${agent.token}` },
          })
        ).status,
      ).toBe(400);
    } finally {
      client.close();
    }
  });

  it('when an agent sends files to the customer they serve, then the same checks apply, and the customer sees and downloads what passed', async () => {
    const client = await customer();
    try {
      await client.say('转人工');
      await client.waitForText(/联系电话/);
      await client.say('不用');
      await client.waitForText(/排在第/);
      const path = `/api/handoff/conversations/${client.conversationId}/attachments`;
      const post = (files: UploadFile[], text?: string) => {
        const form = new FormData();
        if (text) form.append('text', text);
        for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
        return fetch(`${app.baseUrl}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${agent.token}` },
          body: form,
        });
      };
      // Not theirs yet: refused before anything is read.
      expect((await post([{ name: 'a.pdf', type: 'application/pdf', bytes: pdf() }])).status).toBe(403);
      expect((await agent.call('POST', `/api/handoff/conversations/${client.conversationId}/accept`)).status).toBe(200);
      const refused = await post([{ name: 'driver.pdf', type: 'application/pdf', bytes: windowsExecutable() }]);
      expect(refused.status).toBe(415);
      expect(await refused.json()).toMatchObject({
        error: {
          message: expect.stringContaining(
            fillTemplate(wording.rejectedLine, { name: 'driver.pdf', reason: wording.reasons.executable }),
          ),
        },
      });
      expect((await stored(app, client.conversationId)).records).toEqual([]);

      const guide = pdf();
      const sent = await post(
        [{ name: '拆装说明.pdf', type: 'application/pdf', bytes: guide }],
        '请按这份说明更换风扇',
      );
      expect(sent.status).toBe(200);
      await client.waitForText(/请按这份说明更换风扇/);
      const message = client.stream.sets.flatMap((s) => s.activities).find((a) => a.text === '请按这份说明更换风扇');
      expect(message?.from).toMatchObject({ id: `agent:${AGENT.login}` });
      const [file] = clientAttachmentSchema.array().parse(message?.attachments);
      expect(file?.name).toBe('拆装说明.pdf');
      expect(sha(await bytesOf(await fetch(file?.contentUrl ?? '')))).toBe(sha(guide));
      const ticket = await app.built.tickets.findByConversation(client.conversationId);
      expect(ticket?.attachments.map((a) => a.name)).toEqual(['拆装说明.pdf']);
      expect(ticket?.transcript.at(-1)).toMatchObject({
        from: 'agent',
        text: `请按这份说明更换风扇\n${fillTemplate(wording.agentSentLine, { names: '拆装说明.pdf' })}`,
      });
      expect((await stored(app, client.conversationId)).records.map((r) => r.uploader)).toEqual([
        `agent:${AGENT.login}`,
      ]);
    } finally {
      client.close();
    }
  });
});
