import { z } from 'zod';

/** The demo encryption key: fine for `npm start` on a laptop, refused when NODE_ENV=production. */
export const DEMO_ENCRYPTION_KEY = 'ZGVtby1rZXktZG8tbm90LXVzZS1pbi1wcm9kdWN0aW8=';

/** Gateway-mode verifications: how long a generated code stays valid. Watsal's native codes keep Watsal's 300 s. */
export const DEFAULT_VERIFICATION_TTL_MS = 10 * 60 * 1000;

/** `https://app.example.com` or `http://localhost:5173`: what a browser sends in `Origin` (no path, no slash). */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

/** Every environment variable the gateway reads, validated in this one place (nothing else reads process.env). */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  GATEWAY_HOST: z.string().default('127.0.0.1'),
  /** Unset: `npm start` runs an embedded PostgreSQL under ./.data/. */
  DATABASE_URL: z.string().url().optional(),
  /** 32 bytes, base64: encrypts connection credentials at rest (AES-256-GCM). */
  GATEWAY_ENCRYPTION_KEY: z
    .string()
    .default(DEMO_ENCRYPTION_KEY)
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes encoded in base64'),
  /** Polling cadence for messages that are not final yet. */
  GATEWAY_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(2_000),
  /** X-Forwarded-For is honoured only when this is set. */
  GATEWAY_TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false'),
  /** Public base URL the providers can reach for webhooks (WaMessenger). */
  GATEWAY_PUBLIC_URL: z.string().url().optional(),
  /**
   * Browser origins allowed to call the API (CORS): unset = none (CORS off), `*` = any, else a comma-separated list
   * of origins such as `https://app.example.com,http://localhost:5173`.
   */
  GATEWAY_CORS_ORIGINS: z
    .string()
    .optional()
    .transform((value, ctx): '*' | string[] | undefined => {
      const trimmed = value?.trim();
      if (!trimmed) return undefined;
      if (trimmed === '*') return '*';
      const origins = trimmed
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
      for (const origin of origins) {
        if (!isOrigin(origin))
          ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin (scheme://host[:port])` });
      }
      return origins;
    }),
  /** Gateway-mode verification codes expire after this long (100 ms to 24 h). */
  GATEWAY_VERIFICATION_TTL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(24 * 60 * 60 * 1000)
    .default(DEFAULT_VERIFICATION_TTL_MS),
  /** `npm run gateway` only: seed the demo tenant, key (gw_demo_key) and connections. Off unless `true`. */
  GATEWAY_SEED_DEMO: z
    .string()
    .optional()
    .transform((v) => v?.toLowerCase() === 'true'),
  /** SIGTERM: how long in-flight requests and provider calls may take before the process exits anyway. */
  GATEWAY_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /**
   * How long a send in flight (in a request or claimed by the scheduler) is leased to one process: a process that
   * died mid-send has its messages picked up by another once the lease runs out. Longer than any provider call.
   */
  GATEWAY_SEND_LEASE_MS: z.coerce.number().int().min(1_000).default(120_000),
  /**
   * Whether this process's scheduler claims and sends queued messages (and polls statuses). `false` keeps the
   * process an API front only (accepts, stores, answers): another process with dispatch on sends what it queued.
   */
  GATEWAY_DISPATCH_ENABLED: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  /** Scheduler work (sends and polls) in flight per process: each claim takes at most the free slots. */
  GATEWAY_DISPATCH_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(64),
  /**
   * How often the scheduler claims what has come due (never less often than GATEWAY_POLL_INTERVAL_MS). Polls come due
   * all the time; claimed every 2 s they ran as one burst that a send arriving meanwhile waited behind (issue #13).
   */
  GATEWAY_DISPATCH_TICK_MS: z.coerce.number().int().min(10).max(60_000).default(100),
  /** How long uploaded media bytes and secret texts are kept in the database for retries (default 24 h). */
  GATEWAY_HELD_REQUEST_RETENTION_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .default(24 * 60 * 60 * 1000),
  /**
   * Retention: messages (with their status changes, held requests and idempotency records), inbound messages,
   * verifications and finished client-webhook deliveries older than this many days are deleted by a background job.
   * Unset = keep forever. A tenant's own setting (admin CLI: `tenant retention NAME DAYS|keep|default`) wins.
   */
  GATEWAY_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
  /** How often a retention pass runs (one process at a time, any process); 0 = never in this process. */
  GATEWAY_RETENTION_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60 * 60 * 1000)
    .default(60 * 60 * 1000),
  /** Rows one retention DELETE removes: small, so no statement holds row locks for long. */
  GATEWAY_RETENTION_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1_000),
  /** Pause between two retention batches, leaving the database to the sends. */
  GATEWAY_RETENTION_BATCH_PAUSE_MS: z.coerce.number().int().min(0).max(60_000).default(100),
  /**
   * Months of partitions kept ready ahead of the current one for messages, status_changes and inbound_messages
   * (apps/gateway/src/partitions); a month without its partition lands in the default partition.
   */
  GATEWAY_PARTITIONS_AHEAD: z.coerce.number().int().min(1).max(24).default(3),
  /** How often a process checks the partitions ahead (one process at a time; also once at boot); 0 = boot only. */
  GATEWAY_PARTITIONS_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60 * 60 * 1000)
    .default(60 * 60 * 1000),
  /** When set, GET /metrics requires `Authorization: Bearer <this token>`. */
  GATEWAY_METRICS_TOKEN: z.string().min(1).optional(),
  /** pino level: fatal, error, warn, info, debug, trace or silent. Default info (warn under NODE_ENV=test). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /** Client webhooks may target loopback/private/link-local addresses (the demo and tests; never in production). */
  GATEWAY_WEBHOOK_ALLOW_PRIVATE: z
    .string()
    .optional()
    .transform((v) => v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false'),
  /** Multiplies the client-webhook retry delays (5 s … 10 h); tests shrink them, production keeps 1. */
  GATEWAY_WEBHOOK_RETRY_SCALE: z.coerce.number().positive().max(1).default(1),
  /** A client-webhook attempt without an answer after this long counts as failed. */
  GATEWAY_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  /** How often each gateway process looks for due client-webhook deliveries. */
  GATEWAY_WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  /** Client-webhook attempts in flight per gateway process. */
  GATEWAY_WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(32),
  /**
   * A synchronous send through a rate-limited connection waits this long at most for its turn, then is answered
   * 429 RATE_LIMITED with Retry-After (and the message recorded FAILED with that code). 0 = never wait.
   */
  GATEWAY_SYNC_RATE_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** Consecutive transient failures (timeouts, 5xx, network) that open a connection's circuit breaker. */
  GATEWAY_BREAKER_THRESHOLD: z.coerce.number().int().min(1).max(1_000).default(5),
  /** The breaker's first cooldown; it doubles each time a probe fails, up to GATEWAY_BREAKER_MAX_COOLDOWN_MS. */
  GATEWAY_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(10).max(3_600_000).default(10_000),
  GATEWAY_BREAKER_MAX_COOLDOWN_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(24 * 3_600_000)
    .default(300_000),
  /** The longest pause a provider's Retry-After (on a 429 or 503) imposes on a connection; 0 = never pause. */
  GATEWAY_MAX_PAUSE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 3_600_000)
    .default(300_000),
  /** GraphQL introspection (`__schema`, `__type`): true/false; unset means on, except when NODE_ENV=production. */
  GATEWAY_GRAPHQL_INTROSPECTION: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  /**
   * TEST-ONLY fault hook (messages/fault-hooks.ts): 1/true makes the process kill itself right after a provider
   * accepted a send, before the answer is recorded. Refused when NODE_ENV=production.
   */
  GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT: z
    .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
    .optional()
    .transform((v) => v === 'true' || v === '1'),
});

export type GatewayConfig = z.infer<typeof schema> & { usingDemoEncryptionKey: boolean };

/** Reads and validates the environment once; a bad value stops the boot with a message naming the variable. */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid gateway configuration: ${problems}`);
  }
  const usingDemoEncryptionKey = parsed.data.GATEWAY_ENCRYPTION_KEY === DEMO_ENCRYPTION_KEY;
  if (usingDemoEncryptionKey && parsed.data.NODE_ENV === 'production') {
    throw new Error('invalid gateway configuration: GATEWAY_ENCRYPTION_KEY must be set in production');
  }
  if (parsed.data.GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT && parsed.data.NODE_ENV === 'production') {
    throw new Error(
      'invalid gateway configuration: GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT is a test-only fault hook, refused in production',
    );
  }
  return { ...parsed.data, usingDemoEncryptionKey };
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
