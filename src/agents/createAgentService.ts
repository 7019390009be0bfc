import type { AppConfig } from '../config.js';
import type { DatabaseHandle } from '../storage/openDatabase.js';
import { AgentService } from './AgentService.js';

/** The AgentService wired from config: the agents' token secret and AGENT_TOKEN_TTL_MINUTES. */
export function createAgentService(
  handle: DatabaseHandle,
  config: Pick<AppConfig, 'AGENT_TOKEN_TTL_MINUTES'>,
  tokenSecret: string,
): AgentService {
  return new AgentService(handle.db, { tokenSecret, tokenTtlMinutes: config.AGENT_TOKEN_TTL_MINUTES });
}
