import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { filesUnder } from '../attachments/support/storedFiles.js';
import { clientAttachmentSchema, uploadAnswerSchema, uploadLikeWebChat } from '../attachments/support/upload.js';
import { jpegWithGps, logText } from '../attachments/support/fixtures.js';
import type { RunningApp } from './startApp.js';
import { AgentClient } from './support/agentClient.js';
import { CustomerClient } from './support/customerClient.js';
import { testSchema } from '../support/pgSchema.js';
import { startTwoInstances, type TwoInstances } from './twoInstances.js';

const schema = testSchema('att');

let a: RunningApp;
let b: RunningApp;
let instances: TwoInstances | undefined;
beforeAll(async () => {
  // Two instances sharing one PostgreSQL schema and the deployment's secrets (the README asks several
  // instances to set them in the environment), and nothing else: each has its own DATA_DIR.
  instances = await startTwoInstances(schema);
  ({ a, b } = instances);
  await a.built.agents.addAgent('agent.lin', 'two-instances-files');
});
afterAll(async () => {
  await instances?.stop();
});

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('attachments on two instances sharing PostgreSQL', () => {
  it('when a customer uploads on instance A during a report, then an agent on instance B finds the files on the ticket and downloads them, and the customer’s own link works on B', async () => {
    const customer = await CustomerClient.start(a.baseUrl);
    const agent = await AgentClient.login(b.baseUrl, 'agent.lin', 'two-instances-files');
    try {
      await customer.waitForText(/售后服务小助手/);
      await customer.say('我要报修');
      await customer.waitForText(/产品型号/);
      // Over 256 KB, so the content spans several chunks in the database.
      const log = logText(6000);
      const photo = await jpegWithGps(800, 600);
      const res = await uploadLikeWebChat(a.baseUrl, customer.conversationId, customer.token, [
        { name: 'bmc-sel.log', type: 'text/plain', bytes: log },
        { name: '机柜.jpg', type: 'image/jpeg', bytes: photo },
      ]);
      expect(res.status).toBe(200);
      await customer.waitForText(/已收到 1 张图片和 1 个文件，已附到报修单/);
      await customer.say(
        '型号R5300，序列号SN2026D00123，联系人林工，电话13655556666，地址南京市鼓楼区中山路1号，故障：风扇告警后自动关机',
      );
      await customer.waitForText(/错误信息/);
      for (const answer of ['无', '无', '无']) await customer.say(answer);
      await customer.waitForText(/请核对报修信息/);
      await customer.say('确认');
      await customer.waitForText(/工单号/);

      // Nothing went to either instance's DATA_DIR: the bytes are in the shared database.
      expect([...filesUnder(`${a.dataDir}/attachments`), ...filesUnder(`${b.dataDir}/attachments`)]).toEqual([]);

      const ticket = z.object({
        number: z.string(),
        attachments: z.array(z.object({ id: z.string(), name: z.string(), type: z.string(), size: z.number() })),
      });
      const number = (await b.built.tickets.findByConversation(customer.conversationId))?.number ?? '';
      const found = ticket.parse((await agent.call('GET', `/api/tickets/${number}`)).body);
      expect(found.attachments.map((f) => [f.name, f.type])).toEqual([
        ['bmc-sel.log', 'text/plain'],
        ['机柜.jpg', 'image/jpeg'],
      ]);

      const download = async (id: string, suffix = '') => {
        const got = await fetch(`${b.baseUrl}/api/attachments/${id}${suffix}`, {
          headers: { authorization: `Bearer ${agent.token}` },
        });
        return {
          status: got.status,
          type: got.headers.get('content-type'),
          bytes: Buffer.from(await got.arrayBuffer()),
        };
      };
      const [logFile, photoFile] = found.attachments;
      const gotLog = await download(logFile?.id ?? '');
      expect([gotLog.status, gotLog.type, sha(gotLog.bytes)]).toEqual([200, 'text/plain; charset=utf-8', sha(log)]);
      const gotPhoto = await download(photoFile?.id ?? '');
      expect(gotPhoto.bytes.length).toBe(photoFile?.size);
      expect((await sharp(gotPhoto.bytes).metadata()).exif).toBeUndefined();
      expect((await download(photoFile?.id ?? '', '/thumbnail')).type).toBe('image/webp');

      // The link A signed for the customer's token is good on B (the signing key comes from the shared secret).
      const echo = customer.stream.sets
        .flatMap((s) => s.activities)
        .find((x) => x.id === uploadAnswerSchema.parse(res.body).id);
      const [link] = clientAttachmentSchema.array().parse(echo?.attachments);
      const onB = new URL(link?.contentUrl ?? '');
      const fromB = await fetch(`${b.baseUrl}${onB.pathname}${onB.search}`);
      expect(sha(Buffer.from(await fromB.arrayBuffer()))).toBe(sha(log));
    } finally {
      customer.close();
    }
  });
});
