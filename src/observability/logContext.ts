import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line written while serving a request or a turn carries. */
export interface LogFields {
  reqId?: string;
  conversationId?: string;
}

const context = new AsyncLocalStorage<LogFields>();

/** Runs `fn` (and everything it starts, promises included) with these fields on its log lines. */
export function runWithLogFields<T>(fields: LogFields, fn: () => T): T {
  return context.run(fields, fn);
}

/** The fields of the request or turn being served, for the logger's mixin; {} outside one. */
export function currentLogFields(): LogFields {
  return context.getStore() ?? {};
}

/** Names the conversation once it is known (e.g. after the body is parsed); lines from here on carry it. */
export function noteConversation(conversationId: string): void {
  const fields = context.getStore();
  if (fields) fields.conversationId = conversationId;
}
