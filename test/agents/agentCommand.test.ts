import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentService } from '../../src/agents/AgentService.js';
import { agentCommand } from '../../src/cli/agentCommand.js';
import { sqliteFactory } from '../storage/databaseFactories.js';

const factory = sqliteFactory();
afterAll(() => factory.dispose());

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function run(args: string[], stdin: Readable) {
  const out = collect();
  const err = collect();
  const code = await agentCommand(args, { stdin, stdout: out.stream, stderr: err.stream }, () => factory.open());
  return { code, stdout: out.text(), stderr: err.text() };
}

async function canLogIn(login: string, password: string): Promise<boolean> {
  const handle = await factory.open();
  try {
    const agents = new AgentService(handle.db, { tokenSecret: 'x'.repeat(20), tokenTtlMinutes: 5 });
    return await agents.login(login, password).then(
      () => true,
      () => false,
    );
  } finally {
    await handle.close();
  }
}

describe('cli: agent add', () => {
  it('when the password is piped on stdin, then the agent can log in with it and it is not echoed', async () => {
    const result = await run(['add', 'wu'], Readable.from(['piped pass phrase\nignored second line\n']));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('wu');
    expect(result.stdout).not.toContain('piped pass phrase');
    expect(await canLogIn('wu', 'piped pass phrase')).toBe(true);
  });

  it('when stdin is a terminal, then a password is generated, printed once and works', async () => {
    const terminal = Object.assign(Readable.from([]), { isTTY: true });
    const result = await run(['add', 'qian'], terminal);
    expect(result.code).toBe(0);
    const password = /password \(shown once\): (\S+)/.exec(result.stdout)?.[1];
    expect(password).toBeDefined();
    expect(await canLogIn('qian', password ?? '')).toBe(true);
  });

  it('when the login already exists, then it is refused and the old password still works', async () => {
    await run(['add', 'feng'], Readable.from(['first-password\n']));
    await expect(run(['add', 'feng'], Readable.from(['second-password\n']))).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await canLogIn('feng', 'first-password')).toBe(true);
    expect(await canLogIn('feng', 'second-password')).toBe(false);
  });

  it('when the arguments are wrong or stdin is empty, then usage or a clear error', async () => {
    expect((await run(['remove', 'x'], Readable.from([]))).code).toBe(2);
    expect((await run(['add'], Readable.from([]))).stderr).toContain('agent add <login>');
    await expect(run(['add', 'he'], Readable.from([]))).rejects.toMatchObject({ code: 'bad_request' });
  });
});

describe('cli: agent revoke, disable, enable', () => {
  it('when an agent is disabled, then they cannot log in, and once enabled they can again', async () => {
    await run(['add', 'jiang'], Readable.from(['jiang-password-1\n']));
    const disabled = await run(['disable', 'jiang'], Readable.from([]));
    expect(disabled.code).toBe(0);
    expect(disabled.stdout).toContain('agent disabled');
    expect(await canLogIn('jiang', 'jiang-password-1')).toBe(false);
    expect((await run(['enable', 'jiang'], Readable.from([]))).code).toBe(0);
    expect(await canLogIn('jiang', 'jiang-password-1')).toBe(true);
  });

  it('when an agent’s sessions are revoked, then their open logins end', async () => {
    await run(['add', 'shen'], Readable.from(['shen-password-1\n']));
    const handle = await factory.open();
    try {
      const agents = new AgentService(handle.db, { tokenSecret: 'x'.repeat(20), tokenTtlMinutes: 5 });
      const { token } = await agents.login('shen', 'shen-password-1');
      const revoked = await run(['revoke', 'shen'], Readable.from([]));
      expect(revoked.stdout).toContain('1 sessions revoked');
      await expect(agents.authenticate(token)).rejects.toMatchObject({ code: 'unauthorized' });
    } finally {
      await handle.close();
    }
  });

  it('when an unknown agent is disabled, then it says so', async () => {
    await expect(run(['disable', 'nobody'], Readable.from([]))).rejects.toMatchObject({ code: 'not_found' });
  });
});
