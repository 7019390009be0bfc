import type { Kysely } from 'kysely';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Database } from '../storage/schema.js';
import { signAgentToken, verifyAgentToken } from './agentTokens.js';
import { hashPassword, verifyPassword } from './passwords.js';

export const agentLoginSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/, '登录名为 2-64 位字母、数字、点、下划线或连字符 (login: 2-64 of A-Z a-z 0-9 . _ -)');
export const agentPasswordSchema = z
  .string()
  .min(8, '密码至少 8 位 (password: at least 8 characters)')
  .max(200, '密码最多 200 位 (password: at most 200 characters)');

export interface AgentSession {
  token: string;
  /** ISO time after which the token is refused. */
  expiresAt: string;
}

export interface AgentServiceOptions {
  tokenSecret: string;
  tokenTtlMinutes: number;
  now?: () => Date;
}

/** Agents' accounts (scrypt-hashed passwords) and their expiring bearer tokens. */
export class AgentService {
  private readonly now: () => Date;
  /** Compared against when the login is unknown, so timing does not reveal which logins exist. */
  private readonly decoyHash: Promise<string>;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: AgentServiceOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.decoyHash = hashPassword('decoy-password-never-used');
  }

  /** Creates an agent; AppError('conflict') if the login exists, 'bad_request' for a bad login or password. */
  async addAgent(login: string, password: string): Promise<{ login: string }> {
    const name = parseOrThrow(agentLoginSchema, login, 'login');
    const secret = parseOrThrow(agentPasswordSchema, password, 'password');
    const inserted = await this.db
      .insertInto('agents')
      .values({ login: name, password_hash: await hashPassword(secret), created_at: this.now().toISOString() })
      .onConflict((oc) => oc.column('login').doNothing())
      .executeTakeFirst();
    if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n) {
      throw new AppError('conflict', `客服账号 ${name} 已存在。(Agent ${name} already exists.)`, { login: name });
    }
    return { login: name };
  }

  /** Checks the password and issues a token; AppError('unauthorized') on any mismatch. */
  async login(login: string, password: string): Promise<AgentSession> {
    const row = await this.db.selectFrom('agents').select(['login', 'password_hash']).where('login', '=', login.trim()).executeTakeFirst();
    const ok = await verifyPassword(password, row?.password_hash ?? (await this.decoyHash));
    if (!row || !ok) throw new AppError('unauthorized', '登录名或密码错误。(Wrong login or password.)');
    const exp = this.now().getTime() + this.options.tokenTtlMinutes * 60_000;
    return { token: signAgentToken({ sub: row.login, exp }, this.options.tokenSecret), expiresAt: new Date(exp).toISOString() };
  }

  /** The agent a bearer token belongs to; AppError('unauthorized') if it is invalid or expired. */
  authenticate(token: string): { login: string } {
    const claims = verifyAgentToken(token, this.options.tokenSecret, this.now());
    if (!claims) throw new AppError('unauthorized', '登录已失效，请重新登录。(Invalid or expired token.)');
    return { login: claims.sub };
  }
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError('bad_request', result.error.issues[0]?.message ?? `${field} 无效`, { field });
}
