import { z } from 'zod';
import { createLogger, type Logger, type LoggerOptions } from '../../src/observability/logger.js';

export interface CapturedLogs {
  logger: Logger;
  /** Every line written so far, exactly as it would reach stdout. */
  raw: string[];
  /** The lines parsed. */
  lines(): Array<Record<string, unknown>>;
}

const lineSchema = z.record(z.string(), z.unknown());

/** The application's logger (same redaction and fields) writing into memory. */
export function captureLogs(level: LoggerOptions['level'] = 'debug'): CapturedLogs {
  const raw: string[] = [];
  const logger = createLogger({ level, sink: { write: (line: string) => raw.push(line) } });
  return { logger, raw, lines: () => raw.map((line) => lineSchema.parse(JSON.parse(line))) };
}
