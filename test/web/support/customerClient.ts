import { z } from 'zod';
import { call, conversationSchema, openStream, type ActivitySet } from '../../directline/support/dlClient.js';

const chatTokenSchema = z.object({ conversationId: z.string(), token: z.string(), userId: z.string() });

/** A customer speaking Direct Line the way Web Chat does: token from /api/chat/token, then the stream. */
export class CustomerClient {
  private constructor(
    readonly baseUrl: string,
    readonly conversationId: string,
    readonly token: string,
    readonly stream: ReturnType<typeof openStream>,
  ) {}

  static async start(baseUrl: string): Promise<CustomerClient> {
    const minted = chatTokenSchema.parse((await call(baseUrl, 'POST', '/api/chat/token', undefined, {})).body);
    const started = conversationSchema.parse(
      (await call(baseUrl, 'POST', '/v3/directline/conversations', minted.token)).body,
    );
    const stream = openStream(started.streamUrl ?? '');
    await stream.opened;
    const client = new CustomerClient(baseUrl, minted.conversationId, minted.token, stream);
    await client.post({ type: 'event', name: 'webchat/join' });
    return client;
  }

  async post(activity: Record<string, unknown>): Promise<number> {
    return (
      await call(
        this.baseUrl,
        'POST',
        `/v3/directline/conversations/${this.conversationId}/activities`,
        this.token,
        activity,
      )
    ).status;
  }

  async say(text: string): Promise<void> {
    const status = await this.post({ type: 'message', text });
    if (status !== 200) throw new Error(`post failed: ${status}`);
  }

  /** Texts of every message the stream delivered. */
  texts(): string[] {
    return this.stream.sets.flatMap((s: ActivitySet) =>
      s.activities.filter((a) => a.type === 'message').map((a) => a.text ?? ''),
    );
  }

  async waitForText(pattern: RegExp, timeoutMs = 8000): Promise<void> {
    await this.stream.waitFor(() => this.texts().some((t) => pattern.test(t)), timeoutMs);
  }

  close(): void {
    this.stream.socket.close();
  }
}
