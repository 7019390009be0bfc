import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Database } from '../storage/schema.js';
import { agentTokenKey, signAgentToken, verifyAgentToken } from './agentTokens.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { AgentTables } from './tables.js';

export const agentLoginSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/,
    '登录名为 2-64 位字母、数字、点、下划线或连字符 (login: 2-64 of A-Z a-z 0-9 . _ -)',
  );
export const agentPasswordSchema = z
  .string()
  .min(8, '密码至少 8 位 (password: at least 8 characters)')
  .max(200, '密码最多 200 位 (password: at most 200 characters)');

export interface AgentSession {
  token: string;
  /** ISO time after which the token is refused. */
  expiresAt: string;
}

/** What an account may open: agents the console (/agent), admins also the lead's console (/admin). */
export const agentRoleSchema = z.enum(['agent', 'admin']);
export type AgentRole = z.infer<typeof agentRoleSchema>;

/** Who a request comes from: the agent, the login session its token names, and the account's role. */
export interface AuthenticatedAgent {
  login: string;
  sessionId: string;
  role: AgentRole;
}

export interface AgentServiceOptions {
  tokenSecret: string;
  /** A session's lifetime, enforced by the server (AGENT_TOKEN_TTL_MINUTES). */
  tokenTtlMinutes: number;
  now?: () => Date;
}

/** Sessions that ended this long ago are deleted at the next login. */
const KEEP_ENDED_SESSIONS_MS = 7 * 24 * 3600_000;

const invalidToken = () => new AppError('unauthorized', '登录已失效，请重新登录。(Invalid or expired token.)');

/**
 * Agents' accounts (scrypt-hashed passwords) and their login sessions. A token (an HS256 JWT)
 * names a session, and every request checks that session in the database: logout, revoking
 * an agent's sessions and disabling the agent end a login at once, on every instance.
 */
export class AgentService {
  private readonly db: Kysely<Database & AgentTables>;
  private readonly now: () => Date;
  private readonly key: Uint8Array;
  /** Compared against when the login is unknown, so timing does not reveal which logins exist. */
  private readonly decoyHash: Promise<string>;

  constructor(
    db: Kysely<Database>,
    private readonly options: AgentServiceOptions,
  ) {
    this.db = db.withTables<AgentTables>();
    this.now = options.now ?? (() => new Date());
    this.key = agentTokenKey(options.tokenSecret);
    this.decoyHash = hashPassword('decoy-password-never-used');
  }

  /** Creates an agent; AppError('conflict') if the login exists, 'bad_request' for a bad login or password. */
  async addAgent(
    login: string,
    password: string,
    role: AgentRole = 'agent',
  ): Promise<{ login: string; role: AgentRole }> {
    const name = parseOrThrow(agentLoginSchema, login, 'login');
    const secret = parseOrThrow(agentPasswordSchema, password, 'password');
    const inserted = await this.db
      .insertInto('agents')
      .values({
        login: name,
        password_hash: await hashPassword(secret),
        created_at: this.now().toISOString(),
        role: parseOrThrow(agentRoleSchema, role, 'role'),
      })
      .onConflict((oc) => oc.column('login').doNothing())
      .executeTakeFirst();
    if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n) {
      throw new AppError('conflict', `客服账号 ${name} 已存在。(Agent ${name} already exists.)`, { login: name });
    }
    return { login: name, role };
  }

  /** Checks the password, opens a session and issues its token; AppError('unauthorized') on any mismatch. */
  async login(login: string, password: string): Promise<AgentSession> {
    const row = await this.db
      .selectFrom('agents')
      .select(['login', 'password_hash', 'disabled_at'])
      .where('login', '=', login.trim())
      .executeTakeFirst();
    const ok = await verifyPassword(password, row?.password_hash ?? (await this.decoyHash));
    // A disabled account answers like a wrong password: nothing tells a guesser the password was right.
    if (!row || !ok || row.disabled_at !== null)
      throw new AppError('unauthorized', '登录名或密码错误。(Wrong login or password.)');
    const now = this.now();
    const expires = new Date(now.getTime() + this.options.tokenTtlMinutes * 60_000);
    const sessionId = randomBytes(18).toString('base64url');
    await this.db
      .deleteFrom('agent_sessions')
      .where('expires_at', '<', new Date(now.getTime() - KEEP_ENDED_SESSIONS_MS).toISOString())
      .execute();
    await this.db
      .insertInto('agent_sessions')
      .values({
        id: sessionId,
        login: row.login,
        created_at: now.toISOString(),
        expires_at: expires.toISOString(),
        revoked_at: null,
      })
      .execute();
    const token = await signAgentToken({ sub: row.login, sid: sessionId }, this.key, now, expires);
    return { token, expiresAt: expires.toISOString() };
  }

  /**
   * The agent a bearer token belongs to. AppError('unauthorized') unless the token is well
   * signed and unexpired, and its session is open, unexpired and belongs to an enabled agent.
   */
  async authenticate(token: string): Promise<AuthenticatedAgent> {
    const now = this.now();
    const claims = await verifyAgentToken(token, this.key, now, this.options.tokenTtlMinutes * 60);
    if (!claims) throw invalidToken();
    const session = await this.db
      .selectFrom('agent_sessions')
      .innerJoin('agents', 'agents.login', 'agent_sessions.login')
      .select(['agent_sessions.expires_at', 'agent_sessions.revoked_at', 'agents.disabled_at', 'agents.role'])
      .where('agent_sessions.id', '=', claims.sid)
      .where('agent_sessions.login', '=', claims.sub)
      .executeTakeFirst();
    if (
      !session ||
      session.revoked_at !== null ||
      session.disabled_at !== null ||
      session.expires_at <= now.toISOString()
    )
      throw invalidToken();
    // An unknown stored role grants nothing beyond the agents' console.
    return { login: claims.sub, sessionId: claims.sid, role: agentRoleSchema.catch('agent').parse(session.role) };
  }

  /** Ends one session (logout); its token is refused from now on. */
  async logout(sessionId: string): Promise<void> {
    await this.db
      .updateTable('agent_sessions')
      .set({ revoked_at: this.now().toISOString() })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Ends every session of an agent (a lost laptop); returns how many were open. */
  async revokeSessions(login: string): Promise<number> {
    const result = await this.db
      .updateTable('agent_sessions')
      .set({ revoked_at: this.now().toISOString() })
      .where('login', '=', login.trim())
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', this.now().toISOString())
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Disables (ending every session) or re-enables an agent; AppError('not_found') for an unknown login. */
  async setDisabled(login: string, disabled: boolean): Promise<void> {
    const result = await this.db
      .updateTable('agents')
      .set({ disabled_at: disabled ? this.now().toISOString() : null })
      .where('login', '=', login.trim())
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0)
      throw new AppError('not_found', `没有客服账号 ${login}。(No agent ${login}.)`, { login });
    if (disabled) await this.revokeSessions(login);
  }
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError('bad_request', result.error.issues[0]?.message ?? `${field} 无效`, { field });
}
