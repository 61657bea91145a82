import { z } from 'zod';

/** Gateway mode: how long a generated code stays valid (default 10 min). Watsal's native codes keep Watsal's 300 s. */
export const DEFAULT_VERIFICATION_TTL_MS = 10 * 60 * 1000;
/** Wrong codes allowed before a verification fails, in both modes (Watsal locks after 5 too). */
export const MAX_VERIFICATION_ATTEMPTS = 5;

export interface VerificationSettings {
  ttlMs: number;
  maxAttempts: number;
}

const schema = z.object({
  GATEWAY_VERIFICATION_TTL_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(24 * 60 * 60 * 1000)
    .default(DEFAULT_VERIFICATION_TTL_MS),
});

/** Read once when the module starts; a bad value stops the boot naming the variable. */
export function loadVerificationSettings(env: NodeJS.ProcessEnv = process.env): VerificationSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid gateway configuration: ${problems}`);
  }
  return { ttlMs: parsed.data.GATEWAY_VERIFICATION_TTL_MS, maxAttempts: MAX_VERIFICATION_ATTEMPTS };
}

export const VERIFICATION_SETTINGS = Symbol('VERIFICATION_SETTINGS');
