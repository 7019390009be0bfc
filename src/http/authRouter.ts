import { Router } from 'express';
import { z } from 'zod';
import type { AgentService } from '../agents/AgentService.js';
import { safeText } from '../text/inputText.js';
import { jsonBody } from './jsonBody.js';
import { requireAgent, currentAgent } from './requireAgent.js';
import { validateRequest } from './validateRequest.js';
import { rateLimit } from './rateLimit.js';

const loginBodySchema = z.object({
  login: safeText(z.string().trim().min(1).max(64)),
  password: z.string().min(1).max(200),
});

/** POST /auth/login {login,password} -> {token, expiresAt}; GET /auth/me -> {login}. */
export function createAuthRouter(agents: AgentService): Router {
  const router = Router();
  // Password guessing: at most 10 attempts a minute from one address.
  router.post('/login', rateLimit({ limit: 10, windowMs: 60_000 }), jsonBody('8kb'), async (req, res) => {
    const body = validateRequest(loginBodySchema, req.body, 'body');
    res.json(await agents.login(body.login, body.password));
  });
  router.get('/me', requireAgent(agents), (_req, res) => {
    res.json(currentAgent(res));
  });
  return router;
}
