import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { askCommand } from './askCommand.js';
import { agentCommand } from './agentCommand.js';
import { openDatabase } from '../storage/openDatabase.js';
import { calibrateCommand } from './calibrateCommand.js';
import { unansweredCommand, unansweredExportCommand, UNANSWERED_USAGE } from './unansweredCommand.js';
import { knowledgeCommand, KNOWLEDGE_USAGE } from './knowledgeCommand.js';
import { loadDomain } from '../loadDomain.js';
import { classifyCommand } from './classifyCommand.js';
import { COVERAGE_USAGE, coverageCommand } from './coverageCommand.js';
import { evalCommand } from './evalCommand.js';
import { EXIT_USAGE, type CommandIo } from './io.js';
import { buildRuntime } from './runtime.js';
import { textSnapshotCommand } from './textSnapshotCommand.js';

export const USAGE = `usage: npm run -s cli -- <command>
  ask "<question>" [--json]     answer from the policies, with citations
  classify                      JSON Lines {"id","text"} on stdin -> {"id","intent","confidence","answer","citations"}
  eval <file.jsonl> [--min-intent X] [--min-kb Y] [--json]
                                intent precision/recall, confusion matrix, KB hit rate, misses
  calibrate --train F [--train F…] [--held-out F…] [--wrong-cost 3] [--write]
                                fit the answer decision on labelled questions; reliability on held-out ones
  agent add <login> [--role admin]   create an agents' console login (password piped on stdin, or generated); admins open /admin
  agent revoke|disable|enable <login>   end an agent's sessions; stop or restore their access
  text-snapshot                 save the knowledge texts' readings for a faster start (npm run build runs it on dist/)
${UNANSWERED_USAGE}${KNOWLEDGE_USAGE}${COVERAGE_USAGE}`;

/** Parses a 0..1 floor given on the command line. */
function floor(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new AppError('bad_request', `${flag} needs a number between 0 and 1, got "${value}"`);
  return n;
}

/** Dispatches one CLI invocation; returns the exit code. Usage errors throw AppError('bad_request'). */
export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  // coverage has its own flags (--text, --today), so it parses its arguments itself.
  if (command === 'coverage') return coverageCommand(rest, io, loadConfig());
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'min-intent': { type: 'string' },
      'min-kb': { type: 'string' },
      train: { type: 'string', multiple: true },
      'held-out': { type: 'string', multiple: true },
      'wrong-cost': { type: 'string' },
      write: { type: 'boolean', default: false },
      since: { type: 'string' },
      role: { type: 'string' },
    },
  });
  const config = loadConfig();
  switch (command) {
    case 'ask':
      return askCommand(buildRuntime(config.KNOWLEDGE_DIR), io, positionals.join(' ') || undefined, values.json);
    case 'classify':
      return classifyCommand(buildRuntime(config.KNOWLEDGE_DIR), io);
    case 'eval': {
      const [file] = positionals;
      if (!file) break;
      const options = {
        file,
        json: values.json,
        minIntent: floor(values['min-intent'], '--min-intent'),
        minKb: floor(values['min-kb'], '--min-kb'),
      };
      return evalCommand(buildRuntime(config.KNOWLEDGE_DIR), io, options);
    }
    case 'calibrate': {
      const wrongCost = Number(values['wrong-cost'] ?? '3');
      if (!Number.isFinite(wrongCost) || wrongCost <= 0)
        throw new AppError('bad_request', `--wrong-cost needs a positive number, got "${values['wrong-cost']}"`);
      const options = {
        train: values.train ?? [],
        heldOut: values['held-out'] ?? [],
        wrongCost,
        write: values.write,
        knowledgeDir: config.KNOWLEDGE_DIR,
      };
      return calibrateCommand(buildRuntime(config.KNOWLEDGE_DIR), io, options);
    }
    case 'agent':
      return agentCommand(positionals, io, () => openDatabase(config), { role: values.role });
    case 'unanswered':
      if (positionals.length === 1 && positionals[0] === 'export')
        return unansweredExportCommand(io, () => openDatabase(config));
      if (positionals.length) break;
      return unansweredCommand(values.since, io, () => openDatabase(config));
    case 'knowledge':
      return knowledgeCommand(positionals, io, {
        openDb: () => openDatabase(config),
        domain: () => loadDomain(config.KNOWLEDGE_DIR),
        databaseUrl: config.DATABASE_URL,
      });
    case 'text-snapshot':
      if (positionals.length) break;
      return textSnapshotCommand(io, { knowledgeDir: config.KNOWLEDGE_DIR, file: config.TEXT_SNAPSHOT_FILE });
    case 'help':
    case '--help':
      io.stdout.write(USAGE);
      return 0;
  }
  io.stderr.write(USAGE);
  return EXIT_USAGE;
}
