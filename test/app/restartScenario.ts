import { expect } from 'vitest';
import { messageActivity, post, type RunningApp } from './appServer.js';

/**
 * Talks halfway through a repair report, restarts the server on the same store, finishes the
 * report, and checks the ticket holds values from both sides of the restart.
 */
export async function restartMidForm(start: () => Promise<RunningApp>): Promise<void> {
  const say = async (app: RunningApp, text: string) =>
    (await post(app.baseUrl, messageActivity('conv-restart', text))).texts;

  const first = await start();
  await say(first, '我要报修，型号R5300 序列号SN2025D00888');
  await say(first, '电源模块有焦糊味，随后整机断电');
  await first.stop();

  const second = await start();
  try {
    for (const answer of ['无', '无', '无', '林工', '13500009999']) await say(second, answer);
    const summary = await say(second, '天津市东丽区津塘路66号');
    expect(summary).toContain('SN2025D00888');
    expect(summary).toContain('电源模块有焦糊味');
    const created = await say(second, '确认');
    const number = /T\d{8}-\d{4,6}/.exec(created)?.[0] ?? '';
    const ticket = await second.built.tickets.get(number);
    expect(ticket.report).toMatchObject({ serial: 'SN2025D00888', phone: '13500009999', contactName: '林工' });
    expect(ticket.transcript.map((line) => line.text)).toContain('电源模块有焦糊味，随后整机断电');
  } finally {
    await second.stop();
  }
}
