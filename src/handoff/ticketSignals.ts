import { z } from 'zod';
import { ticketAttachmentSchema, ticketStateSchema } from '../tickets/ticketSchemas.js';

/** Bus topic every agent console listens on for changes customers make to tickets (issue 14). */
export const TICKET_TOPIC = 'handoff:tickets';

/** A customer supplemented a ticket with files; the console notifies agents at once. */
export const ticketSignalSchema = z.object({
  event: z.literal('supplemented'),
  ticketNumber: z.string(),
  conversationId: z.string(),
  from: ticketStateSchema,
  state: ticketStateSchema,
  attachments: z.array(ticketAttachmentSchema),
});
export type TicketSignal = z.infer<typeof ticketSignalSchema>;
