import { Inject, Injectable } from '@nestjs/common';
import { MessageStatus } from '@app/providers';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { DispatchGate, type DispatchMode } from '../dispatch/dispatch-gate.js';
import type { ConnectionEntity } from '../database/entities/connection.entity.js';
import type { MessageEntity } from '../database/entities/message.entity.js';
import { AttemptLog } from './attempt-log.js';
import { CrashRecovery } from './crash-recovery.js';
import { crashingAfterAccept } from './fault-hooks.js';
import { MessageSender, type Outgoing } from './message-sender.js';
import { capabilityOf, SendTargets, type SendTarget } from './send-targets.js';

/**
 * Send attempts with their history and failover: each attempt is written before the provider call and completed
 * after (accepted, rejected, transient). A transient failure moves a routed message to the next connection; a
 * definitive refusal (invalid number, blocked contact, unsupported media...) ends it where it is.
 */
@Injectable()
export class FailoverDispatch {
  private readonly crashAfterAccept: boolean;

  constructor(
    private readonly sender: MessageSender,
    private readonly attempts: AttemptLog,
    private readonly targets: SendTargets,
    private readonly recovery: CrashRecovery,
    private readonly gate: DispatchGate,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.crashAfterAccept = config.GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT;
  }

  /**
   * A synchronous send asks the pacing gate before anything is stored: the targets from the first one whose
   * connection may be called now (waiting up to GATEWAY_SYNC_RATE_WAIT_MS for a rate-limit turn). When none may, the
   * first refusal (429 RATE_LIMITED or 503 PROVIDER_UNAVAILABLE, with Retry-After) is thrown and nothing is stored:
   * no message, no idempotency key spent, so the caller's retry with the same key is a new attempt.
   */
  async admitSync(targets: SendTarget[]): Promise<SendTarget[]> {
    let refusal: unknown;
    for (const [i, target] of targets.entries()) {
      const admission = await this.gate.admit(target.connection, '', 'sync');
      if (admission.kind === 'go') return targets.slice(i);
      if (admission.kind === 'refused') refusal ??= admission.error;
    }
    throw refusal;
  }

  /**
   * Within the request: the targets in turn while the failures are transient (one attempt each). The first target
   * was admitted by admitSync and its attempt written with the message; a later one is tried only if the gate lets
   * it go now, else the message stays QUEUED for the scheduler's retry along the route. Stops early if the scheduler
   * took the message meanwhile.
   */
  async sendNow(message: MessageEntity, targets: SendTarget[], outgoing: Outgoing): Promise<void> {
    for (const [i, target] of targets.entries()) {
      const number = message.attempts + 1;
      if (i > 0) {
        if ((await this.gate.admit(target.connection, message.id, 'sync')).kind !== 'go') return;
        if (!(await this.attempts.start(message, target.connection, number, message.nextActionAt))) return;
      }
      const outcome = await this.attempt(message, target, outgoing, number, 'sync');
      if (outcome !== 'transient' || message.status !== MessageStatus.QUEUED) return;
    }
  }

  /**
   * One scheduler retry of a claimed message on `connection` (its current one): an attempt left without outcome
   * by a dead process is resolved first (see CrashRecovery), then one attempt on the next connection of its route.
   */
  async retry(message: MessageEntity, connection: ConnectionEntity, outgoing: Outgoing): Promise<void> {
    const last = await this.attempts.last(message.id);
    if (last && last.outcome === null && last.number > message.attempts) {
      if ((await this.recovery.resolve(message, last, outgoing)) === 'adopted') return;
    }
    const target = await this.targets.forRetry(message, connection, capabilityOf(outgoing), last);
    const number = message.attempts + 1;
    await this.attempts.start(message, target.connection, number);
    await this.attempt(message, target, outgoing, number, 'queued');
  }

  private async attempt(
    message: MessageEntity,
    target: SendTarget,
    outgoing: Outgoing,
    number: number,
    mode: DispatchMode,
  ): Promise<'accepted' | 'rejected' | 'transient' | 'not made'> {
    const adapter = this.crashAfterAccept ? crashingAfterAccept(target.adapter) : target.adapter;
    // A synchronous attempt was admitted by admitSync / sendNow just before: the gate is not asked twice.
    // The attempt's outcome is written with the provider's answer (MessageSender, one statement).
    const options = { mode, connection: target.connection, admitted: mode === 'sync', attempt: number };
    let outcome: Awaited<ReturnType<MessageSender['dispatch']>>;
    try {
      outcome = await this.sender.dispatch(message, adapter, outgoing, options);
    } catch (error) {
      // The pacing gate refused a synchronous send (FAILED, no provider call): its attempt was never made.
      if (message.attempts < number && message.status === MessageStatus.FAILED)
        await this.attempts.discard(message, number);
      throw error;
    }
    // A dispatch that returns without counting an attempt made no provider call (pacing holding a queued send back
    // for its turn): its attempt row goes, else crash recovery would take it for a send cut short by a crash.
    if (outcome === 'deferred' || message.attempts < number) {
      await this.attempts.discard(message, number);
      return 'not made';
    }
    return outcome;
  }
}
