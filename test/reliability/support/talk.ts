import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** What /api/messages answered: 0 when the connection broke (the server died mid-request). */
export interface Answer {
  status: number;
  texts: string;
}

const repliesSchema = z.object({ activities: z.array(z.object({ text: z.string().optional() }).loose()) }).loose();

/** One customer message over /api/messages with expectReplies, as a channel sends it (its own activity id). */
export async function say(
  baseUrl: string,
  conversationId: string,
  text: string,
  activityId: string = randomUUID(),
  timeoutMs = 20_000,
): Promise<Answer> {
  const activity = {
    type: 'message',
    id: activityId,
    deliveryMode: 'expectReplies',
    channelId: 'emulator',
    serviceUrl: 'http://localhost:59999/',
    from: { id: `user-${conversationId}`, name: '客户' },
    recipient: { id: 'bot', name: '售后助手' },
    conversation: { id: conversationId },
    locale: 'zh-CN',
    text,
  };
  try {
    const res = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const raw = await res.text();
    const parsed = repliesSchema.safeParse(raw ? JSON.parse(raw) : {});
    const texts = parsed.success ? parsed.data.activities.map((a) => a.text ?? '').join('\n') : raw;
    return { status: res.status, texts };
  } catch {
    return { status: 0, texts: '' };
  }
}

/** A repair report with every required item in one message (our own test data). */
export const REPAIR_OPENING =
  '报修 型号R5300 序列号SN2024A00321 电话13511119876 联系人孙工 地址广州市天河区体育西路1号 故障：主板烧了冒烟';

/** Ticket numbers as the bot shows them (the eval scripts match the same shape). */
export const TICKET_NUMBER = /T\d{8}-\d{4,6}/;

/**
 * Talks a repair report up to the summary the customer confirms: the opening message, then
 * "无" to every optional item, until the summary header comes back. Throws if it never does.
 */
export async function reachSummary(
  baseUrl: string,
  conversationId: string,
  summaryHeader: string,
  opening = REPAIR_OPENING,
): Promise<void> {
  let answer = await say(baseUrl, conversationId, opening);
  for (let turn = 0; turn < 8 && !answer.texts.includes(summaryHeader); turn++) {
    if (answer.status !== 200) throw new Error(`unexpected ${answer.status} before the summary`);
    answer = await say(baseUrl, conversationId, '无');
  }
  if (!answer.texts.includes(summaryHeader)) throw new Error(`no summary: ${answer.texts}`);
}
