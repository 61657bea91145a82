import type { GatewayConfig } from '../config/gateway-config.js';

/** Wrong codes allowed before a verification fails, in both modes (Watsal locks after 5 too). */
export const MAX_VERIFICATION_ATTEMPTS = 5;

export interface VerificationSettings {
  ttlMs: number;
  maxAttempts: number;
}

/** From the validated configuration (GATEWAY_VERIFICATION_TTL_MS, see config/gateway-config.ts). */
export function verificationSettings(config: GatewayConfig): VerificationSettings {
  return { ttlMs: config.GATEWAY_VERIFICATION_TTL_MS, maxAttempts: MAX_VERIFICATION_ATTEMPTS };
}

export const VERIFICATION_SETTINGS = Symbol('VERIFICATION_SETTINGS');
