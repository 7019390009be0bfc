import { randomUUID } from 'node:crypto';
import { z } from 'zod';

const tokenSchema = z.object({ conversationId: z.string(), token: z.string() });
const setSchema = z.object({
  activities: z.array(
    z
      .object({
        id: z.string(),
        type: z.string(),
        text: z.string().optional(),
        replyToId: z.string().optional(),
        from: z.object({ role: z.string().optional() }).loose().optional(),
      })
      .loose(),
  ),
  watermark: z.string(),
});

/** A customer on our Direct Line, as Web Chat talks to it (REST; polling instead of the stream). */
export class DirectLineCustomer {
  private constructor(
    readonly conversationId: string,
    private readonly token: string,
  ) {}

  /** A new conversation from /api/chat/token (the chat page's call). */
  static async open(baseUrl: string): Promise<DirectLineCustomer> {
    const res = await fetch(`${baseUrl}/api/chat/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const minted = tokenSchema.parse(await res.json());
    return new DirectLineCustomer(minted.conversationId, minted.token);
  }

  /**
   * Posts a message with Web Chat's clientActivityID; a resend of the same message passes the
   * same id. Returns the echo's id, or undefined when the server did not answer.
   */
  async post(baseUrl: string, text: string, clientActivityId: string = randomUUID()): Promise<string | undefined> {
    try {
      const res = await fetch(`${baseUrl}/v3/directline/conversations/${this.conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({
          type: 'message',
          text,
          channelData: { clientActivityID: clientActivityId },
          from: { id: 'ignored' },
        }),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.status !== 200) return undefined;
      return z.object({ id: z.string() }).parse(await res.json()).id;
    } catch {
      return undefined;
    }
  }

  /** Every activity of the conversation so far. */
  async activities(baseUrl: string): Promise<z.infer<typeof setSchema>['activities']> {
    const res = await fetch(`${baseUrl}/v3/directline/conversations/${this.conversationId}/activities`, {
      headers: { authorization: `Bearer ${this.token}` },
      signal: AbortSignal.timeout(10_000),
    });
    return setSchema.parse(await res.json()).activities;
  }

  /** The bot's reply texts to one of the customer's messages, waiting up to `timeoutMs` for at least one. */
  async repliesTo(baseUrl: string, echoId: string, timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const replies = (await this.activities(baseUrl))
        .filter((a) => a.replyToId === echoId && a.type === 'message')
        .map((a) => a.text ?? '');
      if (replies.length > 0 || Date.now() > deadline) return replies;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Says something and waits for the answer. */
  async say(baseUrl: string, text: string): Promise<string> {
    const echo = await this.post(baseUrl, text);
    if (!echo) throw new Error(`post of “${text}” failed`);
    return (await this.repliesTo(baseUrl, echo)).join('\n');
  }

  /** Talks a repair report up to the summary (see talk.ts reachSummary). */
  async reachSummary(baseUrl: string, summaryHeader: string, opening: string): Promise<void> {
    let answer = await this.say(baseUrl, opening);
    for (let turn = 0; turn < 8 && !answer.includes(summaryHeader); turn++) answer = await this.say(baseUrl, '无');
    if (!answer.includes(summaryHeader)) throw new Error(`no summary: ${answer}`);
  }
}
