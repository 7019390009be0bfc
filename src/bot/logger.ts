/** The few log calls the bot makes; src/app.ts passes one that honours LOG_LEVEL. */
export interface BotLogger {
  error(message: string, error?: unknown): void;
  info(message: string): void;
}

const levels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
type Level = (typeof levels)[number];

/** A console logger that drops messages below `level`. */
export function consoleLogger(level: Level): BotLogger {
  const at = levels.indexOf(level);
  return {
    error(message, error) {
      if (at <= levels.indexOf('error')) console.error(`[bot] ${message}`, error ?? '');
    },
    info(message) {
      if (at <= levels.indexOf('info')) console.log(`[bot] ${message}`);
    },
  };
}
