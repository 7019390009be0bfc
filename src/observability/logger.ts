import { pino, stdSerializers, stdTimeFunctions, type Logger } from 'pino';
import { z } from 'zod';
import { currentLogFields } from './logContext.js';
import { redactText, redactValue } from './redact.js';

export type { Logger };

/** Where log lines go: stdout by default; tests pass a collector. */
export interface LogSink {
  write(line: string): unknown;
}

export interface LoggerOptions {
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
  /** Receives each finished, redacted JSON line; stdout by default. */
  sink?: LogSink;
}

const lineSchema = z.record(z.string(), z.unknown());

/**
 * Every line is redacted as the last step before it is written, whatever produced it (our
 * calls, pino-http, child bindings, error serialisation): sensitive keys and personal data in
 * text are replaced. A line that is somehow not JSON still has its text redacted.
 */
function redactLine(line: string): string {
  try {
    const parsed = lineSchema.parse(JSON.parse(line));
    return `${JSON.stringify(redactValue(parsed))}\n`;
  } catch {
    return redactText(line);
  }
}

/**
 * The application's logger: JSON lines with ISO time, level names, and the request id and
 * conversation id of whatever request or turn is being served (see logContext.ts).
 */
export function createLogger(options: LoggerOptions): Logger {
  const sink = options.sink ?? process.stdout;
  const destination = { write: (line: string) => sink.write(redactLine(line)) };
  return pino(
    {
      level: options.level,
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: stdSerializers.err },
      mixin: () => ({ ...currentLogFields() }),
    },
    destination,
  );
}

/** A logger that drops everything (tests that do not look at logs). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

/**
 * pino-pretty's coloured lines for development. It is a development dependency, so it is
 * loaded only when asked for.
 */
export async function prettySink(out: LogSink = process.stdout): Promise<LogSink> {
  const { prettyFactory } = await import('pino-pretty');
  const format = prettyFactory({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  return { write: (line: string) => out.write(format(line)) };
}

/** The logger config asks for: LOG_LEVEL, and pretty lines when LOG_FORMAT (or NODE_ENV=development) says so. */
export async function loggerFromConfig(
  config: { LOG_LEVEL: LoggerOptions['level']; logFormat: 'json' | 'pretty' },
  sink?: LogSink,
): Promise<Logger> {
  return createLogger({ level: config.LOG_LEVEL, sink: config.logFormat === 'pretty' ? await prettySink(sink) : sink });
}
