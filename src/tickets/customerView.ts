import type { Ticket, TicketState } from './ticketSchemas.js';

/** One state change as the customer sees it. */
export interface CustomerTicketEvent {
  at: string;
  from?: TicketState;
  to: TicketState;
  note?: string;
}

/** A message an agent left on the ticket for the customer. */
export interface CustomerTicketMessage {
  at: string;
  text: string;
}

/**
 * What a customer may see of their own ticket: no internal notes, no transcript, no coverage
 * internals; state changes with the notes meant for them, and agents' messages to them.
 */
export interface CustomerTicketView {
  number: string;
  state: TicketState;
  createdAt: string;
  updatedAt: string;
  history: CustomerTicketEvent[];
  messages: CustomerTicketMessage[];
}

/** Projects a ticket onto what its customer may see. */
export function customerViewOf(ticket: Ticket): CustomerTicketView {
  return {
    number: ticket.number,
    state: ticket.state,
    createdAt: ticket.createdAt,
    updatedAt: ticket.updatedAt,
    history: ticket.history.map((h) => ({
      at: h.at,
      to: h.to,
      ...(h.from ? { from: h.from } : {}),
      ...(h.note && h.noteVisibility === 'customer' ? { note: h.note } : {}),
    })),
    messages: ticket.comments.filter((c) => c.visibility === 'customer').map((c) => ({ at: c.at, text: c.text })),
  };
}
