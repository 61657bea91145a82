import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  isFinalStatusFor,
  isStatusAdvance,
  MessageStatus,
  ProviderError,
  ProviderErrorCode,
  type MessagingProvider,
  type SendRequest,
  type StatusStoryRequest,
} from '@app/providers';
import type { MessageErrorRecord } from '../database/entities/message.entity.js';
import { MessageEntity } from '../database/entities/message.entity.js';
import type { ConnectionEntity } from '../database/entities/connection.entity.js';
import type { GatewayError } from '../common/errors/gateway-error.js';
import { ConnectionsService } from '../connections/connections.service.js';
import { DispatchGate, type DispatchMode } from '../dispatch/dispatch-gate.js';
import { HeldRequests, needsHeldRequest } from './held-requests.js';
import { messagesSent } from '../observability/metrics.js';
import { isSecret } from './message-request.js';
import { MessageStatusService, type StatusChangeInput, type StatusSource } from './message-status.service.js';
import { MAX_SEND_ATTEMPTS, MessageTiming } from './message-timing.js';
import type { AttemptOutcomeWrite } from './attempt-log.js';

/** What a provider said about one accepted message (a send answer or one item of a bulk answer). */
export interface Accepted {
  providerMessageId?: string;
  status: MessageStatus;
  providerStatus: string;
}

export type Outgoing =
  { kind: 'send'; request: SendRequest } | { kind: 'story'; request: StatusStoryRequest };

export interface DispatchOptions {
  mode?: DispatchMode;
  /** The message's connection when the caller holds it (else looked up, from ConnectionsService's cache). */
  connection?: ConnectionEntity;
  /** The caller already had the pacing gate's 'go' for this call (a synchronous send admitted before it was stored). */
  admitted?: boolean;
  /**
   * The number of the attempt row this call makes (FailoverDispatch): its outcome is written by the statement that
   * records the answer (one statement per send less), unless no provider call is made (`deferred`, a refusal).
   */
  attempt?: number;
}

/** The attempt outcome a provider answer writes: `failure` null when the provider accepted. */
function outcomeWrite(
  number: number | undefined,
  failure: ProviderError | null,
): AttemptOutcomeWrite | undefined {
  if (number === undefined) return undefined;
  if (!failure) return { number, outcome: 'accepted', errorCode: null };
  return { number, outcome: failure.transient ? 'transient' : 'rejected', errorCode: failure.code };
}

/** A synchronous send the gate refused, as the message keeps it (FAILED: it will not be sent later). */
function refusalRecord(error: GatewayError): MessageErrorRecord {
  return { code: error.code, message: error.message, transient: false, at: new Date().toISOString() };
}

type ErrorWithFields = MessageErrorRecord & { fields?: Record<string, string[]> };

/** A provider error as the message keeps it: code, provider HTTP status and label, raw body, field messages. */
export function errorRecordOf(error: ProviderError, transient = error.transient): ErrorWithFields {
  return {
    code: error.code,
    message: error.message,
    httpStatus: error.httpStatus,
    providerCode: error.providerCode,
    rawBody: error.rawBody,
    fields: error.fieldErrors,
    transient,
    at: new Date().toISOString(),
  };
}

/**
 * Runs one send attempt of a stored message and records its outcome: accepted (status, provider id, history),
 * definitively refused (FAILED with the provider's error, returned rather than thrown), or transiently failed
 * (still QUEUED, the error recorded, next_action_at set for the scheduler's retry with backoff).
 */
@Injectable()
export class MessageSender {
  private readonly logger = new Logger('Messages');

  constructor(
    private readonly status: MessageStatusService,
    private readonly timing: MessageTiming,
    private readonly held: HeldRequests,
    private readonly connections: ConnectionsService,
    private readonly gate: DispatchGate,
  ) {}

  /**
   * `options.mode`: 'queued' (the scheduler; async and batch sends) or 'sync' (the caller waits: the default).
   * Before the provider call the connection's pace and health decide (dispatch/DispatchGate): a queued send that
   * may not go yet is rescheduled without counting an attempt; a synchronous one is recorded FAILED and its
   * 429/503 (with Retry-After) thrown. After the call its outcome is told to the connection's health. Answers what
   * became of the attempt (FailoverDispatch: a transient failure moves a routed send on; `deferred`: no call made).
   */
  async dispatch(
    message: MessageEntity,
    adapter: MessagingProvider,
    outgoing: Outgoing,
    options: DispatchOptions = {},
  ): Promise<'accepted' | 'rejected' | 'transient' | 'deferred'> {
    const connection =
      options.connection ?? (await this.connections.getById(message.tenantId, message.connectionId));
    const admission =
      connection && !options.admitted
        ? await this.gate.admit(connection, message.id, options.mode ?? 'sync')
        : null;
    if (admission?.kind === 'deferred') return 'deferred';
    if (admission?.kind === 'refused') {
      await this.fail(message, refusalRecord(admission.error));
      throw admission.error;
    }
    const attempts = message.attempts + 1;
    let failure: ProviderError | null = null;
    try {
      const result =
        outgoing.kind === 'story'
          ? await adapter.sendStatusStory(outgoing.request)
          : await adapter.send(outgoing.request);
      await this.recordAccepted(message, result, attempts, adapter, outcomeWrite(options.attempt, null));
    } catch (error) {
      failure = this.asProviderError(error, adapter.id);
      await this.recordFailure(message, failure, attempts, outcomeWrite(options.attempt, failure));
    }
    if (connection)
      await this.gate.settle(connection, failure).catch((e: Error) => this.logger.warn(e.message));
    return failure ? (failure.transient ? 'transient' : 'rejected') : 'accepted';
  }

  async recordAccepted(
    message: MessageEntity,
    result: Accepted,
    attempts: number,
    adapter: MessagingProvider,
    attempt?: AttemptOutcomeWrite,
  ): Promise<void> {
    const providerMessageId = result.providerMessageId || null;
    const advance = isStatusAdvance(message.status as MessageStatus, result.status);
    const status = advance ? result.status : (message.status as MessageStatus);
    const polled = adapter.capabilities.message_status && providerMessageId !== null;
    const nextActionAt =
      isFinalStatusFor(message.provider, status) || !polled ? null : this.timing.pollAt(message.createdAt);
    await this.save(
      message,
      {
        status,
        providerStatus: result.providerStatus,
        providerMessageId,
        error: null,
        attempts,
        nextActionAt,
      },
      advance ? { status, providerStatus: result.providerStatus, source: 'send' } : undefined,
      attempt,
    );
    if (needsHeldRequest(message.request)) await this.held.delete(message.id);
    messagesSent.inc({ provider: message.provider, connection: message.connectionId, outcome: 'accepted' });
  }

  /** Transient: retry later, unless the attempts are used up; anything else: FAILED now. */
  async recordFailure(
    message: MessageEntity,
    error: ProviderError,
    attempts: number,
    attempt?: AttemptOutcomeWrite,
  ): Promise<void> {
    const recordOf = (transient: boolean): ErrorWithFields => {
      const record = errorRecordOf(error, transient);
      if (isSecret(message.request)) delete record.rawBody;
      return record;
    };
    if (error.transient && attempts < MAX_SEND_ATTEMPTS) {
      await this.save(
        message,
        {
          error: recordOf(true),
          attempts,
          nextActionAt: this.timing.retryAt(attempts, error.retryAfterSeconds),
        },
        undefined,
        attempt,
      );
      messagesSent.inc({ provider: message.provider, connection: message.connectionId, outcome: 'retry' });
      return;
    }
    const record = recordOf(false);
    if (error.transient) record.message = `${record.message} (gave up after ${attempts} attempts)`;
    await this.fail(message, record, attempts, error.transient ? 'gateway' : 'send', attempt);
  }

  async fail(
    message: MessageEntity,
    error: MessageErrorRecord,
    attempts = message.attempts,
    source: StatusSource = 'gateway',
    attempt?: AttemptOutcomeWrite,
  ): Promise<void> {
    await this.save(
      message,
      { status: MessageStatus.FAILED, error, attempts, nextActionAt: null },
      { status: MessageStatus.FAILED, providerStatus: message.providerStatus, source },
      attempt,
    );
    if (needsHeldRequest(message.request)) await this.held.delete(message.id);
    messagesSent.inc({ provider: message.provider, connection: message.connectionId, outcome: 'failed' });
  }

  /**
   * One statement: the message update, its status change when there is one, the attempt's outcome when given, and
   * the read-back to publish.
   */
  private async save(
    message: MessageEntity,
    patch: Partial<MessageEntity>,
    change?: StatusChangeInput,
    attempt?: AttemptOutcomeWrite,
  ): Promise<void> {
    await this.status.persist(message, patch, change, attempt);
  }

  /** Anything else an adapter throws is a bug somewhere: logged with an id, and retried like a transient failure. */
  asProviderError(error: unknown, provider: string): ProviderError {
    if (error instanceof ProviderError) return error;
    const errorId = randomUUID();
    this.logger.error(
      `send failed unexpectedly ${errorId}`,
      error instanceof Error ? error.stack : String(error),
    );
    return new ProviderError(ProviderErrorCode.PROVIDER_UNAVAILABLE, {
      provider,
      message: `the send failed inside the gateway; reference ${errorId}`,
      cause: error,
    });
  }
}
