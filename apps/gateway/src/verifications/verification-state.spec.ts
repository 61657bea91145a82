import { VerificationFailureReason as Reason } from './models/verification.model.js';
import { afterOutcome, attemptsLeft, settledReason, toResultModel } from './verification-state.js';

const pending = (attempts = 0) => ({ status: 'PENDING' as const, attempts, maxAttempts: 5 });
const wrong = { verified: false, reason: Reason.INVALID_CODE } as const;

describe('verification state', () => {
  it('spends one attempt per wrong code and fails on the last one', () => {
    expect(afterOutcome(pending(0), wrong)).toEqual({ status: 'PENDING', attempts: 1 });
    expect(afterOutcome(pending(3), wrong)).toEqual({ status: 'PENDING', attempts: 4 });
    expect(afterOutcome(pending(4), wrong)).toEqual({ status: 'FAILED', attempts: 5 });
    expect(toResultModel({ ...pending(4), ...afterOutcome(pending(4), wrong) }, wrong)).toEqual({
      verified: false,
      status: 'FAILED',
      reason: 'INVALID_CODE',
      attemptsLeft: 0,
    });
  });

  it('verifies without spending an attempt', () => {
    expect(afterOutcome(pending(2), { verified: true })).toEqual({ status: 'VERIFIED', attempts: 2 });
    expect(toResultModel({ status: 'VERIFIED', attempts: 2, maxAttempts: 5 }, { verified: true })).toEqual({
      verified: true,
      status: 'VERIFIED',
      reason: null,
      attemptsLeft: 3,
    });
  });

  it("mirrors the provider's verdicts", () => {
    expect(afterOutcome(pending(1), { verified: false, reason: Reason.EXPIRED })).toEqual({
      status: 'EXPIRED',
      attempts: 1,
    });
    expect(afterOutcome(pending(1), { verified: false, reason: Reason.TOO_MANY_ATTEMPTS })).toEqual({
      status: 'FAILED',
      attempts: 5,
    });
    expect(afterOutcome(pending(1), { verified: false, reason: Reason.NOT_FOUND })).toEqual({
      status: 'FAILED',
      attempts: 1,
    });
    expect(afterOutcome(pending(1), { verified: false, reason: Reason.ALREADY_VERIFIED })).toEqual({
      status: 'VERIFIED',
      attempts: 1,
    });
  });

  it('answers settled verifications by their state', () => {
    expect(settledReason({ status: 'VERIFIED', attempts: 0, maxAttempts: 5 })).toBe('ALREADY_VERIFIED');
    expect(settledReason({ status: 'EXPIRED', attempts: 2, maxAttempts: 5 })).toBe('EXPIRED');
    expect(settledReason({ status: 'FAILED', attempts: 5, maxAttempts: 5 })).toBe('TOO_MANY_ATTEMPTS');
    expect(settledReason({ status: 'FAILED', attempts: 1, maxAttempts: 5 })).toBe('NOT_FOUND');
    expect(attemptsLeft({ status: 'FAILED', attempts: 1, maxAttempts: 5 })).toBe(0);
    expect(attemptsLeft({ status: 'EXPIRED', attempts: 1, maxAttempts: 5 })).toBe(4);
  });
});
