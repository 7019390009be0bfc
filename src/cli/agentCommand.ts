import type { Readable } from 'node:stream';
import { AgentService, agentRoleSchema } from '../agents/AgentService.js';
import { generatePassword } from '../agents/passwords.js';
import { AppError } from '../errors.js';
import type { DatabaseHandle } from '../storage/openDatabase.js';
import { EXIT_USAGE, type CommandIo } from './io.js';

export const AGENT_USAGE = `usage: npm run -s cli -- agent add <login> [--role agent|admin]
  password from stdin when piped (first line), otherwise generated and printed once;
  an admin also opens the support lead's console (/admin)
       npm run -s cli -- agent revoke <login>    end every login session of the agent
       npm run -s cli -- agent disable <login>   no more logins; open sessions end at once
       npm run -s cli -- agent enable <login>
`;

const SESSION_ACTIONS = ['revoke', 'disable', 'enable'] as const;
type SessionAction = (typeof SESSION_ACTIONS)[number];
const isSessionAction = (action: string | undefined): action is SessionAction =>
  SESSION_ACTIONS.some((a) => a === action);

/**
 * `agent add <login>`: creates an agent account. A piped password is read from stdin; at a
 * terminal a random one is generated and printed once (only its scrypt hash is stored).
 * `agent revoke|disable|enable <login>`: ends the agent's sessions (every instance refuses
 * their tokens from the next request), or stops and restarts their access.
 */
export async function agentCommand(
  args: string[],
  io: CommandIo,
  openDb: () => Promise<DatabaseHandle>,
  options: { role?: string } = {},
): Promise<number> {
  const [action, login, ...extra] = args;
  const role = agentRoleSchema.safeParse(options.role ?? 'agent');
  if (
    !login ||
    extra.length > 0 ||
    (action !== 'add' && !isSessionAction(action)) ||
    !role.success ||
    (action !== 'add' && options.role !== undefined)
  ) {
    io.stderr.write(AGENT_USAGE);
    return EXIT_USAGE;
  }
  if (isSessionAction(action)) return sessionCommand(action, login, io, openDb);
  const fromTerminal = isTerminal(io.stdin);
  const password = fromTerminal ? generatePassword() : await readFirstLine(io.stdin);
  if (!password) throw new AppError('bad_request', 'stdin 中没有密码。(No password on stdin.)', { field: 'password' });
  const handle = await openDb();
  try {
    // Tokens are never issued here, so the signing secret is irrelevant to this command.
    const agents = new AgentService(handle.db, { tokenSecret: 'unused-by-agent-add', tokenTtlMinutes: 1 });
    const created = await agents.addAgent(login, password, role.data);
    io.stdout.write(
      created.role === 'admin'
        ? `已创建主管账号 ${created.login} (admin created)\n`
        : `已创建客服账号 ${created.login} (agent created)\n`,
    );
    if (fromTerminal) io.stdout.write(`初始密码（只显示这一次）/ password (shown once): ${password}\n`);
    return 0;
  } finally {
    await handle.close();
  }
}

async function sessionCommand(
  action: SessionAction,
  login: string,
  io: CommandIo,
  openDb: () => Promise<DatabaseHandle>,
): Promise<number> {
  const handle = await openDb();
  try {
    // No tokens are issued here, so the signing secret is irrelevant.
    const agents = new AgentService(handle.db, { tokenSecret: 'unused-by-agent-sessions', tokenTtlMinutes: 1 });
    if (action === 'revoke') {
      const ended = await agents.revokeSessions(login);
      io.stdout.write(`已注销 ${login} 的 ${ended} 个登录会话 (${ended} sessions revoked)\n`);
    } else {
      await agents.setDisabled(login, action === 'disable');
      io.stdout.write(
        action === 'disable'
          ? `已停用客服账号 ${login} (agent disabled)\n`
          : `已启用客服账号 ${login} (agent enabled)\n`,
      );
    }
    return 0;
  } finally {
    await handle.close();
  }
}

function isTerminal(stream: Readable): boolean {
  return 'isTTY' in stream && stream.isTTY === true;
}

/** The first line of stdin without its line ending (a password may contain spaces). */
async function readFirstLine(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) {
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    if (chunks.reduce((n, c) => n + c.length, 0) > 4096) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}
