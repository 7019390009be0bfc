import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import { agentRoleSchema, type AgentService, type AuthenticatedAgent } from '../agents/AgentService.js';
import { AppError } from '../errors.js';

const agentLocalsSchema = z.object({ login: z.string(), sessionId: z.string(), role: agentRoleSchema });

/**
 * Express middleware: a valid `Authorization: Bearer <token>` whose session is still open, or
 * 401. Puts the agent in res.locals.agent.
 */
export function requireAgent(agents: Pick<AgentService, 'authenticate'>): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match?.[1]) throw new AppError('unauthorized', '需要客服登录。(Bearer token required.)');
    res.locals.agent = await agents.authenticate(match[1]);
    next();
  };
}

/** The agent `requireAgent` authenticated for this request. */
export function currentAgent(res: Response): AuthenticatedAgent {
  const parsedAgent = agentLocalsSchema.safeParse(res.locals.agent);
  if (!parsedAgent.success) throw new AppError('unauthorized', '需要客服登录。(Bearer token required.)');
  return parsedAgent.data;
}
