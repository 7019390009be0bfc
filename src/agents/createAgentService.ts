import type { AppConfig } from '../config.js';
import type { DatabaseHandle } from '../storage/openDatabase.js';
import { AgentService } from './AgentService.js';
import { resolveTokenSecret } from './tokenSecret.js';

/** The AgentService wired from config: TOKEN_SECRET or the database-kept secret, AGENT_TOKEN_TTL_MINUTES. */
export async function createAgentService(
  handle: DatabaseHandle,
  config: Pick<AppConfig, 'TOKEN_SECRET' | 'AGENT_TOKEN_TTL_MINUTES'>,
): Promise<AgentService> {
  return new AgentService(handle.db, {
    tokenSecret: await resolveTokenSecret(handle.db, config.TOKEN_SECRET),
    tokenTtlMinutes: config.AGENT_TOKEN_TTL_MINUTES,
  });
}
