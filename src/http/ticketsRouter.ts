import { Router } from 'express';
import { z } from 'zod';
import {
  MAX_NOTE,
  MAX_TEXT,
  noteVisibilitySchema,
  ticketNumberSchema,
  ticketStateSchema,
} from '../tickets/ticketSchemas.js';
import type { TicketService } from '../tickets/TicketService.js';
import { safeText } from '../text/inputText.js';
import { jsonBody } from './jsonBody.js';
import { currentAgent } from './requireAgent.js';
import { validateRequest } from './validateRequest.js';

// Plain decimal digits only: z.coerce.number would also take 0x10, 1e2 and ' 7 '.
const wholeNumber = z
  .string()
  .regex(/^\d{1,7}$/, '应为整数 (whole number)')
  .transform(Number);
const paramsSchema = z.object({ number: ticketNumberSchema });
const listQuerySchema = z.object({
  state: ticketStateSchema.optional(),
  q: safeText(z.string().trim().min(1).max(200)).optional(),
  limit: wholeNumber.pipe(z.number().min(1).max(100)).default(20),
  offset: wholeNumber.pipe(z.number().min(0).max(1_000_000)).default(0),
});
// A state-change note's visibility defaults by state (TicketService.moveByAgent); comments are internal unless chosen.
const transitionBodySchema = z.object({
  to: ticketStateSchema,
  note: safeText(z.string().trim().max(MAX_NOTE)).optional(),
  noteVisibility: noteVisibilitySchema.optional(),
});
const commentBodySchema = z.object({
  text: safeText(z.string().trim().min(1).max(MAX_TEXT)),
  visibility: noteVisibilitySchema.default('internal'),
});

/** The agents' ticket routes (mounted behind requireAgent): list, read, change state, comment. */
export function createTicketsRouter(tickets: TicketService): Router {
  const router = Router();
  const json = jsonBody('64kb');

  router.get('/', async (req, res) => {
    res.json(await tickets.list(validateRequest(listQuerySchema, req.query, 'query')));
  });

  router.get('/:number', async (req, res) => {
    const { number } = validateRequest(paramsSchema, req.params, 'number');
    res.json(await tickets.get(number));
  });

  router.post('/:number/transitions', json, async (req, res) => {
    const { number } = validateRequest(paramsSchema, req.params, 'number');
    const body = validateRequest(transitionBodySchema, req.body, 'body');
    res.json(
      await tickets.moveByAgent(number, body.to, currentAgent(res).login, body.note || undefined, body.noteVisibility),
    );
  });

  router.post('/:number/comments', json, async (req, res) => {
    const { number } = validateRequest(paramsSchema, req.params, 'number');
    const body = validateRequest(commentBodySchema, req.body, 'body');
    res
      .status(201)
      .json(await tickets.addComment(number, `agent:${currentAgent(res).login}`, body.text, body.visibility));
  });

  return router;
}
