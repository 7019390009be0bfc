import type { Readable } from 'node:stream';
import { AgentService } from '../agents/AgentService.js';
import { generatePassword } from '../agents/passwords.js';
import { AppError } from '../errors.js';
import type { DatabaseHandle } from '../storage/openDatabase.js';
import { EXIT_USAGE, type CommandIo } from './io.js';

export const AGENT_USAGE = `usage: npm run -s cli -- agent add <login>
  password from stdin when piped (first line), otherwise generated and printed once
`;

/**
 * `agent add <login>`: creates an agent account. A piped password is read from stdin; at a
 * terminal a random one is generated and printed once (only its scrypt hash is stored).
 */
export async function agentCommand(args: string[], io: CommandIo, openDb: () => Promise<DatabaseHandle>): Promise<number> {
  const [action, login, ...extra] = args;
  if (action !== 'add' || !login || extra.length > 0) {
    io.stderr.write(AGENT_USAGE);
    return EXIT_USAGE;
  }
  const fromTerminal = isTerminal(io.stdin);
  const password = fromTerminal ? generatePassword() : await readFirstLine(io.stdin);
  if (!password) throw new AppError('bad_request', 'stdin 中没有密码。(No password on stdin.)', { field: 'password' });
  const handle = await openDb();
  try {
    // Tokens are never issued here, so the signing secret is irrelevant to this command.
    const agents = new AgentService(handle.db, { tokenSecret: 'unused-by-agent-add', tokenTtlMinutes: 1 });
    const created = await agents.addAgent(login, password);
    io.stdout.write(`已创建客服账号 ${created.login} (agent created)\n`);
    if (fromTerminal) io.stdout.write(`初始密码（只显示这一次）/ password (shown once): ${password}\n`);
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
  return (Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '');
}
