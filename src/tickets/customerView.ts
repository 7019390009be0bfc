import type { Ticket, TicketState } from './ticketSchemas.js';

/** One state change as the customer sees it. */
export interface CustomerTicketEvent {
  at: string;
  from?: TicketState;
  to: TicketState;
  note?: string;
}

/**
 * What a customer may see of their own ticket: no agents' comments, no transcript, no
 * coverage internals; the report only as far as they gave it.
 */
export interface CustomerTicketView {
  number: string;
  state: TicketState;
  createdAt: string;
  updatedAt: string;
  history: CustomerTicketEvent[];
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
      ...(h.note ? { note: h.note } : {}),
    })),
  };
}
