import { trimMessages } from './state.js';
import { randomInt } from 'node:crypto';
import type { Account } from '../../core/account.js';
import { fateOf, RecipientFate } from '../../core/magic-numbers.js';
import type { SimCore } from '../../core/sim-core.js';
import { notFound, WatsalError } from './errors.js';
import { startOtpLifecycle } from './lifecycle.js';
import { isoSeconds, newMessageId, stateOf, type WatsalMessage } from './state.js';
import type { VerifyCheckInput, VerifySendInput } from './validation.js';

export const OTP_TTL_SECONDS = 300;
export const MAX_WRONG_ATTEMPTS = 5;

/**
 * The magic BLOCKED number: Watsal's answer for a blocked recipient is undocumented; the simulator answers 422 in
 * Watsal's error shape with its own code `contact_blocked` on `phone` (README, known deviations).
 */
export function refuseBlocked(phone: string): RecipientFate {
  const fate = fateOf(phone);
  if (fate === RecipientFate.BLOCKED)
    throw new WatsalError(
      422,
      'contact_blocked',
      'This phone number has blocked messages from this sender.',
      'phone',
    );
  return fate;
}

export function otpText(code: string, brandName: string | undefined): string {
  return brandName ? `${code} is your ${brandName} verification code.` : `${code} is your verification code.`;
}

export function sendOtp(account: Account, input: VerifySendInput, core: SimCore) {
  const fate = refuseBlocked(input.phone);
  const state = stateOf(account);
  const now = core.clock.now();
  const id = newMessageId(state.messages);
  const code = String(randomInt(0, 10 ** input.length)).padStart(input.length, '0');
  const message: WatsalMessage = {
    id,
    to: input.phone,
    kind: 'otp',
    text: otpText(code, input.brandName),
    status: 'sent',
    createdAt: now,
    updatedAt: now,
  };
  state.messages.set(id, message);
  trimMessages(state, core.config.maxMessagesPerAccount);
  state.otps.set(id, { code, expiresAt: now + OTP_TTL_SECONDS * 1000, wrongAttempts: 0 });
  startOtpLifecycle(message, fate, core.clock, account.delays);
  return { request_id: id, status: 'sent' as const, expires_in: OTP_TTL_SECONDS };
}

/**
 * Checks, in order: unknown request (404), already verified (422), locked after 5 wrong codes (429), expired
 * (422), wrong code (422, counted).
 */
export function checkOtp(account: Account, input: VerifyCheckInput, core: SimCore) {
  const otp = stateOf(account).otps.get(input.requestId);
  if (!otp) throw notFound('Verification request not found.', 'request_id');
  if (otp.verifiedAt !== undefined)
    throw new WatsalError(422, 'already_verified', 'This request has already been verified.');
  if (otp.wrongAttempts >= MAX_WRONG_ATTEMPTS)
    throw new WatsalError(429, 'too_many_attempts', 'Too many incorrect attempts. Request a new code.');
  const now = core.clock.now();
  if (now >= otp.expiresAt)
    throw new WatsalError(422, 'code_expired', 'The code has expired. Request a new code.');
  if (input.code !== otp.code) {
    otp.wrongAttempts++;
    throw new WatsalError(422, 'invalid_code', 'The code is incorrect.');
  }
  otp.verifiedAt = now;
  return { verified: true as const, timestamp: isoSeconds(now) };
}
