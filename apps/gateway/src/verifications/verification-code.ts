import { randomBytes, randomInt } from 'node:crypto';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { hashCode, sameHash } from '../common/crypto/secret-box.js';
import type { CapabilityTable } from '@app/providers';

/** A uniformly random numeric code of `length` digits, leading zeros kept. */
export function generateCode(length: number): string {
  return String(randomInt(0, 10 ** length)).padStart(length, '0');
}

/** What the database keeps of a gateway code: a per-record salt and the salted hash, never the code. */
export function sealCode(code: string): { codeSalt: string; codeHash: string } {
  const codeSalt = randomBytes(16).toString('hex');
  return { codeSalt, codeHash: hashCode(code, codeSalt) };
}

export function codeMatches(
  code: string,
  stored: { codeSalt: string | null; codeHash: string | null },
): boolean {
  if (!stored.codeSalt || !stored.codeHash) return false;
  return sameHash(hashCode(code, stored.codeSalt), stored.codeHash);
}

export function verificationText(code: string, brandName: string | undefined): string {
  return `${code} is your ${brandName ?? 'verification'} code`;
}

/** Native when the provider runs OTP itself, else the gateway sends its own code as a text. */
export function verificationModeOf(provider: string, capabilities: CapabilityTable): 'native' | 'gateway' {
  if (capabilities.otp) return 'native';
  if (capabilities.text) return 'gateway';
  throw new GatewayError(
    GatewayErrorCode.UNSUPPORTED_CAPABILITY,
    `${provider} can neither run OTP verifications nor send a text to carry a gateway code`,
    { provider, capability: 'otp' },
  );
}
