import { canonicalJson, sha256Hex } from './canonical-json.js';
import { SendTargets } from './send-targets.js';
import type { RouteEntity } from '../database/entities/route.entity.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { messageKeyWhere, newMessageId } from './message-key.js';
import type { DataSource, Repository } from 'typeorm';
import {
  isProviderError,
  MessageStatus,
  SEND_TYPE_CAPABILITY,
  unsupported,
  type MessagingProvider,
} from '@app/providers';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import type { ConnectedProvider } from '../connections/connections.service.js';
import { MessageEntity } from '../database/entities/message.entity.js';
import type { StatusChangeEntity } from '../database/entities/status-change.entity.js';
import { StatementCoalescer } from '../database/statement-coalescer.js';
import type { SendMessageBatchInput } from './dto/send-message-batch.input.js';
import type { SendMessageInput } from './dto/send-message.input.js';
import { HeldRequests } from './held-requests.js';
import { markReplayed } from './idempotency-header.js';
import { IDEMPOTENCY_TTL_MS, keyReused } from './idempotency.service.js';
import {
  batchAnswer,
  batchItemError,
  batchItemKey,
  checkBatchItem,
  nothingAccepted,
  repeatedKeys,
  sendRequestHash,
} from './message-batch.js';
import { prepareSend, type PreparedSend } from './message-request.js';
import { MessageStatusService } from './message-status.service.js';
import { MessageTiming } from './message-timing.js';
import { toMessageModel, withAttempts } from './message.mapper.js';
import type { MessageBatchItemModel, MessageBatchResultModel } from './models/message-batch.model.js';
import type { MessageModel } from './models/message.model.js';
import {
  insertAsyncRows,
  releaseLeasedRows,
  type AsyncRow,
  type AsyncRowOutcome,
} from './queued-insert-rows.js';

/** A message accepted for later delivery, or the earlier message its idempotency key already names. */
export interface QueuedMessage {
  message: MessageModel;
  replayed: boolean;
}

/**
 * Accept now, deliver later: `Prefer: respond-async` / `queueMessage` and the batch endpoint. A message is validated
 * and checked against its connection's capabilities exactly like a synchronous send, stored QUEUED and due now (one
 * statement, which also wakes every process's scheduler), and answered before any provider call; the scheduler
 * (MessageScheduler) sends it and its status changes are published as for any message.
 */
@Injectable()
export class QueuedSendsService {
  /** Single sends arriving together share one statement; two with one key never do (see StatementCoalescer). */
  private readonly singles = new StatementCoalescer<AsyncRow, AsyncRowOutcome>({
    run: (rows) => this.insert(rows),
    maxBatch: 100,
    maxInFlight: 2,
    keyOf: (row) => (row.key === undefined ? row.id : `${row.tenantId}\u0000${row.key}`),
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    private readonly held: HeldRequests,
    private readonly timing: MessageTiming,
    private readonly status: MessageStatusService,
    private readonly targets: SendTargets,
  ) {}

  /**
   * The one place a queued send's connection or route is resolved (SendTargets: exactly one of the two, else 400
   * naming the field; NOT_FOUND when the tenant has no such one). A route answers its first connection that can send
   * the type; the scheduler moves the message along the route after a transient failure.
   */
  async resolveConnection(
    tenantId: string,
    input: SendMessageInput,
    prepared: PreparedSend,
  ): Promise<ConnectedProvider & { route: RouteEntity | null }> {
    const capability = SEND_TYPE_CAPABILITY[prepared.request.type];
    const { route, targets } = await this.targets.resolve(tenantId, input, capability);
    return { ...targets[0]!, route };
  }

  /** One message, QUEUED; an upload's bytes are held (sealed) before the message becomes due. */
  async queue(tenantId: string, input: SendMessageInput): Promise<QueuedMessage> {
    const prepared = prepareSend(input);
    const { connection, adapter, route } = await this.resolveConnection(tenantId, input, prepared);
    requireCapability(adapter, prepared);
    const key = input.idempotencyKey;
    const row = rowOf(tenantId, connection, prepared, key, route);
    const outcome = await this.singles.submit({ ...row, leased: prepared.lossy });
    if (outcome.created) {
      if (prepared.lossy) {
        await this.held.put(row.id, prepared.request, prepared.upload?.data.byteLength ?? 0);
        await releaseLeasedRows(this.dataSource, [row.id]);
      }
      const entity = this.entityOf(row, outcome.created);
      // Not sent yet: no attempt so far.
      const model = toMessageModel(entity, [queuedChange(outcome.created.createdAt)]);
      return { message: withAttempts(model, []), replayed: false };
    }
    if (!outcome.prior)
      throw new GatewayError(GatewayErrorCode.CONFLICT, `idempotency key "${key}" is busy; retry`);
    if (outcome.prior.requestHash !== row.hash) throw keyReused(key!);
    const earlier = await this.messages.findOne({
      where: { tenantId, ...messageKeyWhere(outcome.prior.messageId) },
    });
    if (!earlier)
      throw new GatewayError(GatewayErrorCode.CONFLICT, `idempotency key "${key}" is busy; retry`);
    markReplayed([earlier]);
    return { message: await this.status.describe(earlier), replayed: true };
  }

  /**
   * 1 to MAX_BATCH_ITEMS messages: each validated on its own, the accepted ones stored in one statement. Refused
   * items name their field (`messages.3.to`); nothing accepted at all is a BAD_USER_INPUT error. `headerKey` (the
   * Idempotency-Key header) gives each item without its own key the key `<header>#<index>`.
   */
  async queueBatch(
    tenantId: string,
    input: SendMessageBatchInput,
    headerKey?: string,
  ): Promise<MessageBatchResultModel> {
    const items = input.messages as unknown[];
    const results: MessageBatchItemModel[] = items.map((_, index) => ({
      index,
      id: null,
      replayed: false,
      error: null,
    }));
    const refuse = (index: number, error: unknown, field?: string): void => {
      results[index]!.error = batchItemError(error, index, field && `messages.${index}.${field}`);
    };

    const valid: Array<{ index: number; input: SendMessageInput; prepared: PreparedSend }> = [];
    items.forEach((raw, index) => {
      try {
        const item = checkBatchItem(raw, index);
        const prepared = prepareSend(item);
        if (prepared.upload)
          throw GatewayError.badInput(
            'media.base64',
            'a batch takes media by url only; queue an upload on its own (POST /v1/messages with Prefer: respond-async)',
          );
        valid.push({ index, input: item, prepared });
      } catch (error) {
        refuse(index, error);
      }
    });

    const connected = new Map<
      string,
      Promise<(ConnectedProvider & { route: RouteEntity | null }) | GatewayError>
    >();
    const connectionOf = (item: SendMessageInput, prepared: PreparedSend) => {
      const via = `${item.connection ?? ''}\u0000${item.route ?? ''}\u0000${SEND_TYPE_CAPABILITY[prepared.request.type]}`;
      let found = connected.get(via);
      if (!found) {
        found = this.resolveConnection(tenantId, item, prepared).catch((error: unknown) => {
          if (error instanceof GatewayError) return error;
          if (isProviderError(error)) return GatewayError.fromProvider(error);
          throw error;
        });
        connected.set(via, found);
      }
      return found;
    };
    const keys = valid.map((item) => batchItemKey(headerKey, item.index, item.input.idempotencyKey));
    const repeated = repeatedKeys(keys);
    const rows: Array<{ index: number; row: AsyncRow }> = [];
    for (const [position, item] of valid.entries()) {
      const found = await connectionOf(item.input, item.prepared);
      if (found instanceof GatewayError) {
        // Resolution checks the capability too (a route picks its connections by it): that one names the type.
        const field = found.code === GatewayErrorCode.UNSUPPORTED_CAPABILITY ? 'type' : 'connection';
        refuse(item.index, found, field);
        continue;
      }
      try {
        requireCapability(found.adapter, item.prepared);
      } catch (error) {
        refuse(item.index, error, 'type');
        continue;
      }
      if (repeated.has(position)) {
        refuse(
          item.index,
          GatewayError.badInput('idempotencyKey', 'is the key of an earlier item of this batch'),
        );
        continue;
      }
      rows.push({
        index: item.index,
        row: rowOf(tenantId, found.connection, item.prepared, keys[position], found.route),
      });
    }

    const outcomes = rows.length > 0 ? await this.insert(rows.map((r) => r.row)) : [];
    outcomes.forEach((outcome, i) => {
      const { index, row } = rows[i]!;
      const result = results[index]!;
      if (outcome.created) result.id = row.id;
      else if (!outcome.prior)
        refuse(
          index,
          new GatewayError(GatewayErrorCode.CONFLICT, `idempotency key "${row.key}" is busy; retry`),
        );
      else if (outcome.prior.requestHash !== row.hash) refuse(index, keyReused(row.key!));
      else {
        result.id = outcome.prior.messageId;
        result.replayed = true;
      }
    });
    const answer = batchAnswer(results);
    if (answer.accepted === 0) throw nothingAccepted(answer);
    return answer;
  }

  private insert(rows: AsyncRow[]): Promise<AsyncRowOutcome[]> {
    return insertAsyncRows(this.dataSource, rows, {
      leaseMs: this.timing.leaseMs,
      idempotencyTtlMs: IDEMPOTENCY_TTL_MS,
      at: new Date(),
    });
  }

  private entityOf(row: AsyncRow, created: { createdAt: Date; updatedAt: Date }): MessageEntity {
    // A plain assignment, not repository.create(): this runs once per accepted request (the hot path).
    return Object.assign(new MessageEntity(), {
      id: row.id,
      tenantId: row.tenantId,
      connectionId: row.connectionId,
      connectionName: row.connectionName,
      provider: row.provider,
      type: row.type,
      to: row.to,
      request: row.request,
      status: MessageStatus.QUEUED,
      providerMessageId: null,
      providerStatus: null,
      error: null,
      attempts: 0,
      nextActionAt: created.createdAt,
      idempotencyKey: row.key ?? null,
      routeId: row.routeId ?? null,
      routeName: row.routeName ?? null,
      possibleDuplicate: false,
      ...created,
    });
  }
}

function rowOf(
  tenantId: string,
  connection: ConnectedProvider['connection'],
  prepared: PreparedSend,
  key: string | undefined,
  route: RouteEntity | null,
): AsyncRow {
  return {
    id: newMessageId(),
    tenantId,
    connectionId: connection.id,
    connectionName: connection.name,
    provider: connection.provider,
    type: prepared.type,
    to: prepared.to,
    request: prepared.stored,
    routeId: route?.id ?? null,
    routeName: route?.name ?? null,
    key,
    hash:
      key === undefined
        ? undefined
        : route
          ? sha256Hex(canonicalJson({ route: route.name, ...prepared.stored })) // as a synchronous send by route
          : sendRequestHash(connection.name, prepared.stored),
  };
}

/** UNSUPPORTED_CAPABILITY naming provider and capability, before anything is stored. */
function requireCapability(adapter: MessagingProvider, prepared: PreparedSend): void {
  const capability = SEND_TYPE_CAPABILITY[prepared.request.type];
  if (!adapter.capabilities[capability]) throw unsupported(adapter.id, capability);
}

/** The first status change, as the insert wrote it (no read-back needed to answer). */
function queuedChange(at: Date): StatusChangeEntity {
  return { status: MessageStatus.QUEUED, providerStatus: null, source: 'gateway', at } as StatusChangeEntity;
}
