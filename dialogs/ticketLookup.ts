import type { CustomerTicketView } from './dependencies.js';
import { type DialogKnowledge } from './dialogKnowledge.js';
import { cleanInput } from './form/cleanInput.js';
import { phoneField } from './form/formDefinition.js';
import { fillTemplate } from '../src/text/template.js';

export interface LookupKeys {
  number?: string;
  last4?: string;
}

/** Finds a ticket number (T20260101-0001, spacing and case forgiven) and the phone's last four digits. */
export function extractLookupKeys(input: string, texts: DialogKnowledge): LookupKeys {
  const text = cleanInput(input);
  const numberMatch = new RegExp(texts.vocab.ticketNumberPattern, 'i').exec(text);
  const number = numberMatch ? `T${numberMatch[1]}-${numberMatch[2]}` : undefined;
  const rest = numberMatch ? text.replace(numberMatch[0], ' ') : text;
  // A whole phone number (mobile or landline) counts too: its last four digits are what we compare.
  const phoneShape = phoneField(texts.form)?.freePattern ?? '(?<!\\d)1[3-9]\\d{9}(?!\\d)';
  const phone = new RegExp(phoneShape).exec(rest)?.[0]?.replace(/\D/g, '');
  const last4 = phone ? phone.slice(-4) : new RegExp(texts.vocab.last4Pattern).exec(rest)?.[1];
  return { number, last4 };
}

/** The customer's own ticket: state, history and agents' messages to them, never internal notes. */
export function ticketText(
  view: CustomerTicketView,
  texts: DialogKnowledge,
  localTime: (iso: string) => string,
): string {
  const w = texts.wording.ticketStatus;
  const state = texts.wording.states[view.state] ?? view.state;
  const lines = [fillTemplate(w.header, { number: view.number, state, createdAt: localTime(view.createdAt) })];
  if (view.history.length) lines.push(w.historyHeader);
  for (const event of view.history) {
    const change = event.from
      ? fillTemplate(w.historyMove, { from: event.from, to: event.to })
      : fillTemplate(w.historyCreated, { to: event.to });
    const note = event.note ? fillTemplate(w.historyNote, { note: event.note }) : '';
    lines.push(fillTemplate(w.historyLine, { at: localTime(event.at), change, note }));
  }
  const messages = view.messages ?? [];
  if (messages.length)
    lines.push(
      w.messagesHeader,
      ...messages.map((m) => fillTemplate(w.messageLine, { at: localTime(m.at), text: m.text })),
    );
  return lines.join('\n');
}
