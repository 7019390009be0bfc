import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ActivityWithFiles, AttachmentDesk } from '../../dialogs/dependencies.js';
import { botHarness } from '../bot/botHarness.js';
import { fakeDependencies, fakeMatcher } from './fakes.js';

const idsSchema = z.object({ channelData: z.object({ attachmentIds: z.array(z.string()) }) });
const idsOf = (activity: ActivityWithFiles) => idsSchema.safeParse(activity).data?.channelData.attachmentIds ?? [];

/** A desk that confirms whatever ids a message names, recording what it was asked. */
function fakeDesk(): AttachmentDesk & { outside: string[][] } {
  const outside: string[][] = [];
  return {
    outside,
    async forReport(activity) {
      const ids = idsOf(activity);
      return ids.length ? { ids, confirmation: `已附 ${ids.length} 个文件到报修单` } : undefined;
    },
    async outsideReport(activity) {
      const ids = idsOf(activity);
      if (!ids.length) return undefined;
      outside.push(ids);
      return `附件的用途（${ids.length} 个）`;
    },
  };
}

/** A message of files only, as our Direct Line logs an upload. */
function files(...ids: string[]): Partial<Activity> {
  return {
    type: 'message',
    attachments: ids.map((id) => ({ contentType: 'image/png', contentUrl: `/x/${id}`, name: `${id}.png` })),
    channelData: { attachmentIds: ids },
  };
}

const matcher = fakeMatcher([
  ['报修', 'report_fault', 0.95],
  ['查工单', 'ticket_status', 0.9],
]);

function setup(withDesk = true) {
  const desk = fakeDesk();
  const deps = fakeDependencies({ matcher, ...(withDesk ? { attachments: desk } : {}) });
  const question = (key: string) => deps.texts.form.find((f) => f.key === key)?.question ?? key;
  return { desk, deps, bot: botHarness(deps), w: deps.texts.wording, question };
}

describe('files in the conversation', () => {
  it('when files arrive while the repair form asks, then one line confirms them, the question stays, and the ticket carries them', async () => {
    const { bot, deps, question, desk } = setup();
    expect(await bot.say('我要报修')).toContain(question('model'));
    const reply = await bot.send(files('f1', 'f2'));
    expect(reply.split('\n')[0]).toBe('已附 2 个文件到报修单');
    expect(reply).toContain(question('model'));
    for (const answer of ['R5300', 'SN2026E00101', '开机后风扇狂转然后断电']) await bot.say(answer);
    // The same file again and a new one: each joins once.
    expect(await bot.send(files('f2', 'f3'))).toContain('已附 2 个文件到报修单');
    for (const answer of ['无', '无', '无', '郑工', '13900004444', '武汉市洪山区珞喻路1号']) await bot.say(answer);
    expect(await bot.say('好的')).toContain('工单号');
    expect(deps.tickets.created[0]?.attachmentIds).toEqual(['f1', 'f2', 'f3']);
    expect(desk.outside).toEqual([]);
  });

  it('when files arrive and no dialog runs, then the desk answers instead of the text-only reply', async () => {
    const { bot, w, desk } = setup();
    const reply = await bot.send(files('g1'));
    expect(reply).toBe('附件的用途（1 个）');
    expect(reply).not.toContain(w.textOnly);
    expect(desk.outside).toEqual([['g1']]);
  });

  it('when files arrive while a ticket lookup waits for the number, then the desk answers and the lookup still waits', async () => {
    const { bot, w } = setup();
    expect(await bot.say('查工单')).toContain(w.ticketStatus.askNumber);
    expect(await bot.send(files('h1'))).toBe('附件的用途（1 个）');
    expect(await bot.say('T20260101-0001')).toContain(w.ticketStatus.askLast4);
  });

  it('when there is no attachment desk (another channel), then a message of files only gets the text-only reply', async () => {
    const { bot, w } = setup(false);
    expect(await bot.send(files('k1'))).toContain(w.textOnly);
  });
});
