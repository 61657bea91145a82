import { DEFAULT_CONFIG, type SimulatorConfig } from './core/sim-core.js';

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

/** Reads the simulator's environment once at boot; a bad value stops the boot with a message naming it. */
export function configFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): SimulatorConfig & { port: number; host: string } {
  const trust = (env.SIMULATOR_TRUST_PROXY ?? '').toLowerCase();
  return {
    port: intFrom(env, 'SIMULATOR_PORT', 4010),
    host: env.SIMULATOR_HOST ?? '127.0.0.1',
    trustProxy: trust !== '' && trust !== '0' && trust !== 'false',
    journalSize:
      intFrom(env, 'SIMULATOR_JOURNAL_SIZE', DEFAULT_CONFIG.journalSize) || DEFAULT_CONFIG.journalSize,
    webhookTimeoutMs: intFrom(env, 'SIMULATOR_WEBHOOK_TIMEOUT_MS', DEFAULT_CONFIG.webhookTimeoutMs),
    bodyLimitBytes: intFrom(env, 'SIMULATOR_BODY_LIMIT', DEFAULT_CONFIG.bodyLimitBytes),
    maxMessagesPerAccount: intFrom(
      env,
      'SIMULATOR_MAX_MESSAGES_PER_ACCOUNT',
      DEFAULT_CONFIG.maxMessagesPerAccount,
    ),
  };
}
