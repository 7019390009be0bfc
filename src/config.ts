import { z } from 'zod';

/** Chat conversations one address may mint per minute, unless CHAT_TOKENS_PER_MINUTE says otherwise. */
export const DEFAULT_CHAT_TOKENS_PER_MINUTE = 30;

/**
 * The one configuration schema. Nothing else in the code base reads process.env:
 * everything is passed down from the object this returns.
 */
export const configSchema = z
  .object({
    /**
     * Unset by default. "production" requires DIRECTLINE_SECRET and TOKEN_SECRET from the
     * environment; "development" (npm run dev) writes readable logs.
     */
    NODE_ENV: z.enum(['development', 'test', 'production']).optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().min(1).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z.string().url().optional(),
    KNOWLEDGE_DIR: z.string().min(1).default('./knowledge'),
    /** `npm run build`'s readings of the knowledge texts; used when made for this knowledge and code. */
    TEXT_SNAPSHOT_FILE: z.string().min(1).default('./dist/text-snapshot.json'),
    /** Labelled JSONL files (as `cli eval` reads) the lead's console previews a change against, comma-separated. */
    EVAL_FILES: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean),
      ),
    MicrosoftAppId: z.string().optional(),
    MicrosoftAppPassword: z.string().optional(),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    MicrosoftAppTenantId: z.string().optional(),
    /** Comma-separated hosts a serviceUrl may point at when channel auth is off. */
    SERVICE_URL_ALLOWLIST: z.string().default('localhost,127.0.0.1,[::1]'),
    DIRECTLINE_SECRET: z.string().min(16).optional(),
    TOKEN_SECRET: z.string().min(16).optional(),
    /** An agent's login lasts this long at most, whatever the token says (the server checks its session). */
    AGENT_TOKEN_TTL_MINUTES: z.coerce
      .number()
      .int()
      .positive()
      .max(7 * 24 * 60)
      .default(480),
    /**
     * Which proxies' X-Forwarded-For to believe, so per-address limits see the client: false
     * (direct), true (any), a hop count, or addresses/subnets ("loopback", "10.0.0.0/8", ...).
     */
    TRUST_PROXY: z
      .string()
      .regex(/^(true|false|\d{1,2}|[\w.:/,\s-]+)$/)
      .default('false'),
    /** Abuse limits (src/limits), shared by all instances on PostgreSQL: new chat conversations per address, */
    CHAT_TOKENS_PER_MINUTE: z.coerce.number().int().positive().default(30),
    /** activities into one conversation, and /api/messages activities per address (a channel's connector is one address). */
    MESSAGES_PER_MINUTE: z.coerce.number().int().positive().default(60),
    MESSAGES_PER_MINUTE_PER_ADDRESS: z.coerce.number().int().positive().default(600),
    /** Working hours for live agents, local time, "HH:MM-HH:MM". */
    AGENT_HOURS: z
      .string()
      .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/)
      .default('09:00-18:00'),
    TZ_OFFSET_MINUTES: z.coerce.number().int().default(480),
    /** A queued customer whose chat connection (stream) has been gone this long is marked away; they no longer count in others' positions. */
    QUEUE_AWAY_AFTER_MINUTES: z.coerce
      .number()
      .positive()
      .max(24 * 60)
      .default(2),
    /** An away customer still gone this much longer leaves the queue (a note goes on the ticket). */
    QUEUE_LEAVE_AFTER_MINUTES: z.coerce
      .number()
      .positive()
      .max(24 * 60)
      .default(10),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    // Operations (issue 11): log format, metrics, shutdown.
    /** JSON lines, or pino-pretty's readable lines; pretty by default when NODE_ENV=development. */
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    /** Serve /metrics on this port (on HOST) instead of the main one. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Bearer token /metrics asks for; without one (and without METRICS_PORT) only loopback may scrape. */
    METRICS_TOKEN: z.string().min(16).optional(),
    /**
     * Customer posts are refused with 503 and Retry-After while this many turns are queued on the
     * instance (it turns ~150 a second here, so 500 is a few seconds of work: overload, not a burst).
     */
    MAX_QUEUED_TURNS: z.coerce.number().int().min(1).default(500),
    /** How long SIGTERM waits for in-flight turns before closing anyway. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(8000),
    /** Largest file one upload may carry, in MB (MiB); larger ones are refused in chat. */
    ATTACHMENT_MAX_FILE_MB: z.coerce.number().positive().max(100).default(10),
    /** Most files one message may carry; a message with more stores none of them. */
    ATTACHMENT_MAX_FILES: z.coerce.number().int().min(1).max(10).default(5),
  })
  .superRefine((c, ctx) => {
    // Generated secrets live in one machine's DATA_DIR; a production service names its own.
    for (const key of ['DIRECTLINE_SECRET', 'TOKEN_SECRET'] as const) {
      if (c.NODE_ENV === 'production' && !c[key])
        ctx.addIssue({ code: 'custom', path: [key], message: 'required when NODE_ENV=production' });
    }
  })
  .transform((c) => {
    const channelAuth = Boolean(c.MicrosoftAppId && c.MicrosoftAppPassword);
    return {
      ...c,
      channelAuth,
      // Without channel auth anyone could drive the bot, so it stays on loopback unless told otherwise.
      HOST: c.HOST ?? (channelAuth ? '0.0.0.0' : '127.0.0.1'),
      serviceUrlAllowlist: c.SERVICE_URL_ALLOWLIST.split(',')
        .map((h) => h.trim())
        .filter(Boolean),
      logFormat: c.LOG_FORMAT ?? (c.NODE_ENV === 'development' ? 'pretty' : 'json'),
      trustProxy: trustProxySetting(c.TRUST_PROXY),
    };
  });

export type AppConfig = z.output<typeof configSchema>;

/** TRUST_PROXY as express's "trust proxy" setting. */
function trustProxySetting(value: string): boolean | number | string[] {
  const text = value.trim();
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^\d+$/.test(text)) return Number(text);
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Parses the environment (or any record) into a checked config; throws with every bad field named. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const fields = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${fields}`);
  }
  return result.data;
}
