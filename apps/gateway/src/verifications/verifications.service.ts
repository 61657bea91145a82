import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { LessThanOrEqual, type Repository } from 'typeorm';
import { isProviderError, parseE164, type MessagingProvider } from '@app/providers';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { ConnectionsService } from '../connections/connections.service.js';
import type { ConnectionEntity } from '../database/entities/connection.entity.js';
import { VerificationEntity } from '../database/entities/verification.entity.js';
import { SendMessageInput } from '../messages/dto/send-message.input.js';
import { MessagesService } from '../messages/messages.service.js';
import { DEFAULT_CODE_LENGTH, type StartVerificationInput } from './dto/verification.inputs.js';
import {
  VerificationFailureReason as Reason,
  type VerificationModel,
  type VerificationResultModel,
} from './models/verification.model.js';
import {
  codeMatches,
  generateCode,
  sealCode,
  verificationModeOf,
  verificationText,
} from './verification-code.js';
import { VERIFICATION_SETTINGS, type VerificationSettings } from './verification-settings.js';
import {
  afterOutcome,
  settledReason,
  toResultModel,
  toVerificationModel,
  type CheckOutcome,
} from './verification-state.js';

/** Watsal says how long its codes live; this is the fallback if a native provider does not. */
const NATIVE_DEFAULT_TTL_SECONDS = 300;

/**
 * Phone verifications. Native mode (capability `otp`, Watsal): the provider generates, sends and checks the code;
 * we keep its request id and mirror the status. Gateway mode (any provider with `text`): we generate the code, send
 * it through MessagesService and keep only a salted hash. Either way a verification allows
 * `settings.maxAttempts` wrong codes and expires at `expiresAt`; checks of one verification are serialized by a row
 * lock, so two simultaneous checks can never both spend the last attempt.
 */
@Injectable()
export class VerificationsService {
  constructor(
    @InjectRepository(VerificationEntity) private readonly repo: Repository<VerificationEntity>,
    private readonly connections: ConnectionsService,
    private readonly messages: MessagesService,
    @Inject(VERIFICATION_SETTINGS) private readonly settings: VerificationSettings,
  ) {}

  async start(tenantId: string, input: StartVerificationInput): Promise<VerificationModel> {
    const { connection, adapter } = await this.connections.connect(tenantId, input.connection);
    const mode = verificationModeOf(adapter.id, adapter.capabilities);
    const request = {
      to: this.e164(input.to, adapter.id),
      codeLength: input.codeLength ?? DEFAULT_CODE_LENGTH,
      brandName: input.brandName,
    };
    const entity =
      mode === 'native'
        ? await this.startNative(tenantId, connection, adapter, request)
        : await this.startGateway(tenantId, connection, request);
    return toVerificationModel(entity, connection.name);
  }

  /** The verification, or null when this tenant has none with that id. */
  async find(tenantId: string, id: string): Promise<VerificationModel | null> {
    if (!isUUID(id)) return null;
    const entity = await this.repo.findOne({ where: { tenantId, id } });
    if (!entity) return null;
    if (entity.status === 'PENDING' && entity.expiresAt.getTime() <= Date.now()) {
      await this.repo.update(
        { tenantId, id, status: 'PENDING', expiresAt: LessThanOrEqual(new Date()) },
        { status: 'EXPIRED' },
      );
      entity.status = 'EXPIRED';
    }
    const connection = await this.connections.getById(tenantId, entity.connectionId);
    return toVerificationModel(entity, connection?.name ?? entity.connectionId);
  }

  async get(tenantId: string, id: string): Promise<VerificationModel> {
    const found = await this.find(tenantId, id);
    if (!found) throw GatewayError.notFound('verification', id);
    return found;
  }

  async check(tenantId: string, id: string, code: string): Promise<VerificationResultModel> {
    if (!isUUID(id)) throw GatewayError.notFound('verification', id);
    return this.repo.manager.transaction(async (tx) => {
      const repo = tx.getRepository(VerificationEntity);
      const entity = await repo.findOne({ where: { tenantId, id }, lock: { mode: 'pessimistic_write' } });
      if (!entity) throw GatewayError.notFound('verification', id);
      const outcome = await this.outcomeOf(tenantId, entity, code);
      if (outcome === undefined)
        return toResultModel(entity, { verified: false, reason: settledReason(entity) });
      const next = afterOutcome(entity, outcome);
      await repo.update({ tenantId, id }, next);
      return toResultModel({ ...entity, ...next }, outcome);
    });
  }

  /** undefined: the verification was already settled and nothing was checked. */
  private async outcomeOf(
    tenantId: string,
    entity: VerificationEntity,
    code: string,
  ): Promise<CheckOutcome | undefined> {
    if (entity.status !== 'PENDING') return undefined;
    if (entity.expiresAt.getTime() <= Date.now()) return { verified: false, reason: Reason.EXPIRED };
    if (entity.mode === 'gateway') {
      return codeMatches(code, entity)
        ? { verified: true }
        : { verified: false, reason: Reason.INVALID_CODE };
    }
    const connection = await this.connections.getById(tenantId, entity.connectionId);
    if (!connection || !entity.providerRequestId) {
      throw new GatewayError(
        GatewayErrorCode.NOT_FOUND,
        'the connection of this verification no longer exists',
      );
    }
    // Held under the row lock: Watsal counts attempts too, so its checks of one request must not overlap either.
    const answer = await this.connections
      .adapterOf(connection)
      .checkVerification(entity.providerRequestId, code);
    return answer.verified
      ? { verified: true }
      : { verified: false, reason: answer.reason ? Reason[answer.reason] : Reason.INVALID_CODE };
  }

  private async startNative(
    tenantId: string,
    connection: ConnectionEntity,
    adapter: MessagingProvider,
    request: { to: string; codeLength: number; brandName?: string },
  ): Promise<VerificationEntity> {
    const started = await adapter.startVerification(request);
    const ttlSeconds = started.expiresInSeconds ?? NATIVE_DEFAULT_TTL_SECONDS;
    return this.repo.save(
      this.repo.create({
        tenantId,
        connectionId: connection.id,
        provider: adapter.id,
        to: request.to,
        mode: 'native',
        providerRequestId: started.requestId,
        codeHash: null,
        codeSalt: null,
        messageId: null,
        status: 'PENDING',
        attempts: 0,
        maxAttempts: this.settings.maxAttempts,
        ...lifetime(ttlSeconds * 1000),
      }),
    );
  }

  private async startGateway(
    tenantId: string,
    connection: ConnectionEntity,
    request: { to: string; codeLength: number; brandName?: string },
  ): Promise<VerificationEntity> {
    const code = generateCode(request.codeLength);
    // No idempotency key: its record would keep an unsalted hash of the request, and a 6-digit code inside it is
    // quick to brute-force. Each start sends one fresh code anyway.
    const message = await this.messages.send(
      tenantId,
      Object.assign(new SendMessageInput(), {
        connection: connection.name,
        to: request.to,
        text: verificationText(code, request.brandName),
      }),
      { secret: true },
    );
    if (message.status === 'FAILED') {
      const error = message.error;
      const known = Object.values(GatewayErrorCode).find((c) => c === error?.code);
      // The provider's raw body is left out on purpose: it may echo the text, and with it the code.
      throw new GatewayError(
        known ?? GatewayErrorCode.REJECTED,
        `the code could not be sent (message ${message.id}): ${error?.message ?? 'the provider refused it'}`,
        {
          provider: connection.provider,
          providerHttpStatus: error?.httpStatus,
          providerCode: error?.providerCode,
        },
      );
    }
    return this.repo.save(
      this.repo.create({
        tenantId,
        connectionId: connection.id,
        provider: connection.provider,
        to: request.to,
        mode: 'gateway',
        providerRequestId: null,
        ...sealCode(code),
        messageId: message.id,
        status: 'PENDING',
        attempts: 0,
        maxAttempts: this.settings.maxAttempts,
        ...lifetime(this.settings.ttlMs),
      }),
    );
  }

  private e164(to: string, provider: string): string {
    try {
      return parseE164(to, provider).e164;
    } catch (error) {
      if (isProviderError(error)) throw GatewayError.badInput('to', error.message.replace(/^to: /, ''));
      throw error;
    }
  }
}

/**
 * A verification's created_at and expires_at from one clock reading, so expiresAt - createdAt is exactly the TTL
 * (created_at left to the database's now() drifted from the TTL by however long the insert waited: 59 ms on a busy
 * machine).
 */
function lifetime(ttlMs: number): { createdAt: Date; expiresAt: Date } {
  const createdAt = new Date();
  return { createdAt, expiresAt: new Date(createdAt.getTime() + ttlMs) };
}
