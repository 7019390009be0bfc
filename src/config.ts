import { z } from 'zod';

/** Chat conversations one address may mint per minute, unless CHAT_TOKENS_PER_MINUTE says otherwise. */
export const DEFAULT_CHAT_TOKENS_PER_MINUTE = 30;

/**
 * The one configuration schema. Nothing else in the code base reads process.env:
 * everything is passed down from the object this returns.
 */
export const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().min(1).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z.string().url().optional(),
    KNOWLEDGE_DIR: z.string().min(1).default('./knowledge'),
    MicrosoftAppId: z.string().optional(),
    MicrosoftAppPassword: z.string().optional(),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: z.string().optional(),
    /** Comma-separated hosts a serviceUrl may point at when channel auth is off. */
    SERVICE_URL_ALLOWLIST: z.string().default('localhost,127.0.0.1,[::1],::1'),
    DIRECTLINE_SECRET: z.string().min(16).optional(),
    TOKEN_SECRET: z.string().min(16).optional(),
    AGENT_TOKEN_TTL_MINUTES: z.coerce.number().int().positive().default(480),
    /** Working hours for live agents, local time, "HH:MM-HH:MM". */
    AGENT_HOURS: z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/).default('09:00-18:00'),
    TZ_OFFSET_MINUTES: z.coerce.number().int().default(480),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    // Operations (issue 11): log format, metrics, shutdown, the chat token limit.
    /** Only "development" changes anything here (pretty logs); other values are accepted as they are. */
    NODE_ENV: z.string().default('production'),
    /** JSON lines, or pino-pretty's readable lines; pretty by default when NODE_ENV=development. */
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    /** Serve /metrics on this port (on HOST) instead of the main one. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Bearer token /metrics asks for; without one (and without METRICS_PORT) only loopback may scrape. */
    METRICS_TOKEN: z.string().min(16).optional(),
    /** How long SIGTERM waits for in-flight turns before closing anyway. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(8000),
    /** Chat conversations one address may mint per minute (/api/chat/token). */
    CHAT_TOKENS_PER_MINUTE: z.coerce.number().int().positive().default(DEFAULT_CHAT_TOKENS_PER_MINUTE),
    /** Largest file one upload may carry, in MB (MiB); larger ones are refused in chat. */
    ATTACHMENT_MAX_FILE_MB: z.coerce.number().positive().max(100).default(10),
    /** Most files one message may carry; a message with more stores none of them. */
    ATTACHMENT_MAX_FILES: z.coerce.number().int().min(1).max(10).default(5),
  })
  .transform((c) => {
    const channelAuth = Boolean(c.MicrosoftAppId && c.MicrosoftAppPassword);
    return {
      ...c,
      channelAuth,
      // Without channel auth anyone could drive the bot, so it stays on loopback unless told otherwise.
      HOST: c.HOST ?? (channelAuth ? '0.0.0.0' : '127.0.0.1'),
      serviceUrlAllowlist: c.SERVICE_URL_ALLOWLIST.split(',').map((h) => h.trim()).filter(Boolean),
      logFormat: c.LOG_FORMAT ?? (c.NODE_ENV === 'development' ? 'pretty' : 'json'),
    };
  });

export type AppConfig = z.output<typeof configSchema>;

/** Parses the environment (or any record) into a checked config; throws with every bad field named. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const fields = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${fields}`);
  }
  return result.data;
}
