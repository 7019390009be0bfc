/**
 * A child process running the whole application (as `npm start` does) that kills itself with
 * SIGKILL at a chosen point of a chosen turn: before its n-th database query once the turn has
 * begun, or right after the turn saved the conversation's state (so nothing was answered yet).
 * The fault is injected here, in the test harness; the application has no test hooks.
 *
 * Usage: node --import tsx crashingServer.ts '{"dataDir":"...","killAtQuery":5,"armOn":{"conversationId":"c1","text":"确认"}}'
 * Prints {"port":N} on stdout once it listens.
 */
import { createServer } from 'node:http';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { z } from 'zod';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { openDatabase } from '../../../src/storage/openDatabase.js';

const optionsSchema = z.object({
  dataDir: z.string(),
  databaseUrl: z.string().optional(),
  env: z.record(z.string(), z.string()).default({}),
  /** Die before this query (1 = the first) of the armed turn; 0 or absent: never. */
  killAtQuery: z.number().int().min(0).default(0),
  /** Die right after the armed turn has saved the conversation's state (before any answer). */
  killAfterStateSave: z.boolean().default(false),
  /** The turn that arms the fault: a message with this text in this conversation. */
  armOn: z.object({ conversationId: z.string(), text: z.string() }).optional(),
});
const options = optionsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));

let armed = false;
let queries = 0;
const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};

/** Counts queries once the armed turn has begun, and notices the write of a conversation's state. */
class FaultPoints implements KyselyPlugin {
  private readonly stateWrites = new WeakSet<object>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (armed && options.killAtQuery > 0 && ++queries >= options.killAtQuery) die();
    const { node } = args;
    const writes = node.kind === 'InsertQueryNode' || node.kind === 'UpdateQueryNode';
    // Kysely's query nodes are plain data: the table and the state key show up in their JSON.
    if (writes && JSON.stringify(node).includes('"bot_state"') && JSON.stringify(node).includes('/conversations/'))
      this.stateWrites.add(args.queryId);
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (armed && options.killAfterStateSave && this.stateWrites.has(args.queryId)) die();
    return args.result;
  }
}

const config = loadConfig({
  DATA_DIR: options.dataDir,
  LOG_LEVEL: 'silent',
  PORT: '0',
  AGENT_HOURS: '00:00-23:59',
  ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  ...options.env,
});
const built = await buildApp(config, {
  openDatabase: async () => {
    const handle = await openDatabase(config);
    return { ...handle, db: handle.db.withPlugin(new FaultPoints()) };
  },
  // Runs at the start of every message turn (the live relay's hook); it arms, never handles.
  interceptor: async (context) => {
    const { armOn } = options;
    if (armOn && context.activity.conversation.id === armOn.conversationId && context.activity.text === armOn.text)
      armed = true;
    return false;
  },
});
const server = createServer(built.app);
server.on('upgrade', (req, socket, head) => built.web.handleUpgrade(req, socket, head));
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
