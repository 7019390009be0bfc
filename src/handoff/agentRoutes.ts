import { Router } from 'express';
import { join } from 'node:path';
import { z } from 'zod';
import type { AgentService } from '../agents/AgentService.js';
import { parseWatermark } from '../directline/activity.js';
import { PUBLIC_DIR } from '../directline/staticAssets.js';
import { AppError } from '../errors.js';
import { jsonBody } from '../http/jsonBody.js';
import { currentAgent, requireAgent } from '../http/requireAgent.js';
import { validateRequest } from '../http/validateRequest.js';
import { safeText } from '../text/inputText.js';
import { noteVisibilitySchema, ticketNumberSchema, ticketStateSchema } from '../tickets/ticketSchemas.js';
import type { ConsoleViews } from './consoleViews.js';
import type { HandoffService, HandoffTickets } from './handoffService.js';
import type { HandoffSession, HandoffStore } from './handoffStore.js';

const textSchema = z.object({ text: safeText(z.string().trim().min(1, '内容不能为空').max(4000, '内容过长')) });
// Notes are internal unless the agent chooses the customer; `ticket` picks another of the conversation's tickets.
const noteSchema = textSchema.extend({
  visibility: noteVisibilitySchema.default('internal'),
  ticket: ticketNumberSchema.optional(),
});
const moveSchema = z.object({
  to: ticketStateSchema,
  note: safeText(z.string().trim().max(1000)).optional(),
  noteVisibility: noteVisibilitySchema.optional(),
  ticket: ticketNumberSchema.optional(),
});
const conversationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, '会话编号格式不对');
const detailQuerySchema = z.object({ ticket: ticketNumberSchema.optional() });

export interface AgentRoutesDeps {
  handoff: HandoffService;
  store: HandoffStore;
  views: ConsoleViews;
  tickets: HandoffTickets;
  agents: Pick<AgentService, 'authenticate'>;
  readActivities: (conversationId: string, watermark: number) => Promise<unknown>;
}

/** GET /agent (the console page) and the console's REST API under /api/handoff (agent login required). */
export function createAgentRouter(deps: AgentRoutesDeps): Router {
  const { handoff, views, tickets } = deps;
  const router = Router();
  router.get('/agent', (_req, res) => res.sendFile(join(PUBLIC_DIR, 'agent.html')));

  const api = Router();
  api.use(jsonBody('32kb'), requireAgent(deps.agents));
  const idOf = (value: unknown): string => validateRequest(conversationIdSchema, value, 'conversationId');
  /** The ticket asked for if the conversation opened it, else the one the handoff is about. */
  const ticketOf = async (session: HandoffSession, wanted?: string): Promise<string> => {
    if (wanted && (await tickets.listByConversation(session.conversationId)).some((t) => t.number === wanted))
      return wanted;
    if (wanted || !session.ticketNumber)
      throw new AppError('not_found', '该会话没有这个工单。', { ticket: wanted ?? null });
    return session.ticketNumber;
  };

  api.get('/queue', async (_req, res) => {
    res.json({ items: await views.queue(), agentsOnline: await deps.store.agentsOnline() });
  });
  api.get('/mine', async (_req, res) => {
    const sessions = await deps.store.heldBy(currentAgent(res).login);
    res.json({ items: sessions });
  });
  api.post('/conversations/:id/accept', async (req, res) => {
    res.json(await handoff.accept(idOf(req.params.id), currentAgent(res).login));
  });
  // Reading a conversation: only one in the queue, held by this agent, or handled by them.
  api.get('/conversations/:id', async (req, res) => {
    const { ticket } = validateRequest(detailQuerySchema, req.query, 'query');
    res.json(await views.detail(await handoff.mustSee(idOf(req.params.id), currentAgent(res).login), ticket));
  });
  api.get('/conversations/:id/activities', async (req, res) => {
    const id = idOf(req.params.id);
    await handoff.mustSee(id, currentAgent(res).login);
    res.json(await deps.readActivities(id, parseWatermark(req.query.watermark)));
  });
  api.get('/conversations/:id/suggestions', async (req, res) => {
    res.json(await views.suggestions(await handoff.mustSee(idOf(req.params.id), currentAgent(res).login)));
  });
  api.post('/conversations/:id/messages', async (req, res) => {
    const { text } = validateRequest(textSchema, req.body, 'body');
    res.json(await handoff.say(idOf(req.params.id), currentAgent(res).login, text));
  });
  api.post('/conversations/:id/typing', async (req, res) => {
    await handoff.typing(idOf(req.params.id), currentAgent(res).login);
    res.status(204).end();
  });
  api.post('/conversations/:id/resolve', async (req, res) => {
    await handoff.resolve(idOf(req.params.id), currentAgent(res).login);
    res.status(204).end();
  });
  // A customer-visible note is also said in the chat when this agent has the conversation live.
  api.post('/conversations/:id/notes', async (req, res) => {
    const { text, visibility, ticket } = validateRequest(noteSchema, req.body, 'body');
    const login = currentAgent(res).login;
    const session = await handoff.mustSee(idOf(req.params.id), login);
    const number = await ticketOf(session, ticket);
    const updated = await tickets.addComment(number, `agent:${login}`, text, visibility);
    if (visibility === 'customer' && session.state === 'agent' && session.agentLogin === login)
      await handoff.say(session.conversationId, login, text);
    res.json(updated);
  });
  api.post('/conversations/:id/state', async (req, res) => {
    const { to, note, noteVisibility, ticket } = validateRequest(moveSchema, req.body, 'body');
    const session = await handoff.mustSee(idOf(req.params.id), currentAgent(res).login);
    res.json(
      await tickets.moveByAgent(
        await ticketOf(session, ticket),
        to,
        currentAgent(res).login,
        note || undefined,
        noteVisibility,
      ),
    );
  });
  router.use('/api/handoff', api);
  return router;
}
