import type { VerificationEntity } from '../database/entities/verification.entity.js';
import {
  VerificationFailureReason as Reason,
  VerificationMode,
  type VerificationStatus,
  type VerificationModel,
  type VerificationResultModel,
} from './models/verification.model.js';

/** What one check found out about a code, whoever checked it (the gateway's hash or the provider). */
export type CheckOutcome = { verified: true } | { verified: false; reason: Reason };

type State = Pick<VerificationEntity, 'status' | 'attempts' | 'maxAttempts'>;

/**
 * The verification after an outcome. A wrong code spends an attempt and the last one fails the verification; the
 * provider's own verdicts (expired, locked, unknown request) are mirrored.
 */
export function afterOutcome(state: State, outcome: CheckOutcome): Pick<State, 'status' | 'attempts'> {
  if (outcome.verified) return { status: 'VERIFIED', attempts: state.attempts };
  switch (outcome.reason) {
    case Reason.INVALID_CODE: {
      const attempts = state.attempts + 1;
      return { status: attempts >= state.maxAttempts ? 'FAILED' : state.status, attempts };
    }
    case Reason.EXPIRED:
      return { status: 'EXPIRED', attempts: state.attempts };
    case Reason.TOO_MANY_ATTEMPTS:
      return { status: 'FAILED', attempts: Math.max(state.attempts, state.maxAttempts) };
    case Reason.NOT_FOUND:
      // The provider no longer knows the request: the code can never be checked again.
      return { status: 'FAILED', attempts: state.attempts };
    case Reason.ALREADY_VERIFIED:
      return { status: 'VERIFIED', attempts: state.attempts };
  }
}

/** What a check of an already settled verification answers, without checking anything. */
export function settledReason(state: State): Reason {
  switch (state.status) {
    case 'VERIFIED':
      return Reason.ALREADY_VERIFIED;
    case 'EXPIRED':
      return Reason.EXPIRED;
    default:
      return state.attempts >= state.maxAttempts ? Reason.TOO_MANY_ATTEMPTS : Reason.NOT_FOUND;
  }
}

export function attemptsLeft(state: State): number {
  return state.status === 'FAILED' ? 0 : Math.max(0, state.maxAttempts - state.attempts);
}

export function toResultModel(state: State, outcome: CheckOutcome): VerificationResultModel {
  return {
    verified: outcome.verified,
    status: state.status as VerificationStatus,
    reason: outcome.verified ? null : outcome.reason,
    attemptsLeft: attemptsLeft(state),
  };
}

/**
 * The API shape; never the code hash or its salt. Native mode shows the provider's request id (Watsal's
 * `request_id`): it is no secret (checking still needs the code), and it lets a developer read the code the simulator
 * sent from `/__admin/otp/{request_id}`.
 */
export function toVerificationModel(entity: VerificationEntity, connectionName: string): VerificationModel {
  return {
    id: entity.id,
    connection: connectionName,
    provider: entity.provider,
    to: entity.to,
    status: entity.status as VerificationStatus,
    mode: entity.mode === 'native' ? VerificationMode.NATIVE : VerificationMode.GATEWAY,
    expiresAt: entity.expiresAt,
    attemptsLeft: attemptsLeft(entity),
    messageId: entity.messageId,
    providerRequestId: entity.providerRequestId,
    createdAt: entity.createdAt,
  };
}
