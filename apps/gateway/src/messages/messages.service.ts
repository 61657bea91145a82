import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { messageKeyWhere, newMessageId } from './message-key.js';
import { MoreThanOrEqual, type DataSource, type Repository } from 'typeorm';
import {
  MessageStatus,
  ProviderErrorCode,
  SEND_TYPE_CAPABILITY,
  unsupported,
  type BulkItemResult,
  type BulkRequest,
  type Capability,
  type MessagingProvider,
} from '@app/providers';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import type { ConnectionEntity } from '../database/entities/connection.entity.js';
import { MessageEntity } from '../database/entities/message.entity.js';
import { ConnectionsService } from '../connections/connections.service.js';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import type { SendBulkInput } from './dto/send-bulk.input.js';
import type { SendMessageInput } from './dto/send-message.input.js';
import type { SendStatusStoryInput } from './dto/send-status-story.input.js';
import { markReplayed } from './idempotency-header.js';
import { IDEMPOTENCY_TTL_MS, IdempotencyService } from './idempotency.service.js';
import { StatementCoalescer } from '../database/statement-coalescer.js';
import { insertQueued, insertQueuedBatch, type CreatedRows, type QueuedInsert } from './queued-insert.js';
import { HeldRequests } from './held-requests.js';
import { isUuid } from './message-cursor.js';
import {
  prepareBulkItem,
  prepareSend,
  prepareStory,
  STATUS_STORY_RECIPIENT,
  type PreparedSend,
  type SendOptions,
} from './message-request.js';
import { MessageSender } from './message-sender.js';
import { MessageTiming } from './message-timing.js';
import { FailoverDispatch } from './failover-dispatch.js';
import { SendTargets } from './send-targets.js';
import type { RouteEntity } from '../database/entities/route.entity.js';

/** A message row to create: its unified type, recipient and the request as stored (no media bytes). */
interface NewMessage {
  type: string;
  to: string;
  stored: Record<string, unknown>;
}

type BulkItem = BulkRequest['messages'][number];

/**
 * Sending: validate → resolve the connection → capability check (nothing stored when it fails) → idempotency →
 * store QUEUED → call the provider → record the outcome. A provider's refusal is recorded on the message and the
 * message is returned; a transient failure leaves it QUEUED for the scheduler to retry.
 */
@Injectable()
export class MessagesService {
  /** Keyless sends arriving together are stored in one statement (a key needs its own claim: single statement). */
  private readonly keylessInserts = new StatementCoalescer<Omit<QueuedInsert, 'idempotency'>, CreatedRows>({
    run: (inserts) => insertQueuedBatch(this.dataSource, inserts),
    maxBatch: 50,
    maxInFlight: 2,
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    private readonly connections: ConnectionsService,
    private readonly idempotency: IdempotencyService,
    private readonly sender: MessageSender,
    private readonly held: HeldRequests,
    private readonly timing: MessageTiming,
    private readonly targets: SendTargets,
    private readonly failover: FailoverDispatch,
  ) {}

  async send(tenantId: string, input: SendMessageInput, options: SendOptions = {}): Promise<MessageEntity> {
    const prepared = prepareSend(input, options);
    const capability = SEND_TYPE_CAPABILITY[prepared.request.type];
    const { route, targets: candidates } = await this.targets.resolve(tenantId, input, capability);
    const via = route ? { route: route.name } : { connection: candidates[0]!.connection.name };
    const hash = requestHash({ ...via, ...prepared.stored });
    // A replay answers the stored message even while the connection is over its limit or paused.
    const replayed = input.idempotencyKey ? await this.replay(tenantId, input.idempotencyKey, hash) : null;
    if (replayed) return answerReplay(replayed);
    const targets = await this.failover.admitSync(candidates);
    const { connection } = targets[0]!;
    const created = await this.create(tenantId, connection, [prepared], input.idempotencyKey, hash, route);
    const message = created.messages[0]!;
    if (created.replay) return message;
    if (prepared.lossy)
      await this.held.put(message.id, prepared.request, prepared.upload?.data.byteLength ?? 0);
    await this.failover.sendNow(message, targets, { kind: 'send', request: prepared.request });
    return message;
  }

  /** One provider call, one stored message per recipient, in the order given. */
  async sendBulk(tenantId: string, input: SendBulkInput): Promise<MessageEntity[]> {
    const from = input.from ?? undefined;
    const items = input.messages.map((item, i) => prepareBulkItem(item, i, from));
    const { connection, adapter } = await this.connections.connect(tenantId, input.connection);
    requireCapability(adapter, 'bulk');
    for (const item of items) requireCapability(adapter, SEND_TYPE_CAPABILITY[item.request.type]);
    const rows = items.map((item, index) => ({ ...item, stored: { ...item.stored, bulk: { index } } }));
    const hash = requestHash({ connection: connection.name, bulk: rows.map((r) => r.stored) });
    const created = await this.create(tenantId, connection, rows, input.idempotencyKey, hash);
    if (created.replay) return created.messages;
    const messages = created.messages;
    let answer: BulkItemResult[];
    try {
      answer = (await adapter.sendBulk({ from, messages: items.map(bulkItemOf) })).results;
    } catch (caught) {
      // Transient: each message is retried on its own by the scheduler (a single send); else all FAILED.
      const error = this.sender.asProviderError(caught, adapter.id);
      for (const message of messages) await this.sender.recordFailure(message, error, 1);
      return messages;
    }
    for (const [index, message] of messages.entries()) {
      const item = answer.find((r) => r?.index === index);
      if (item?.ok) {
        const accepted = {
          providerMessageId: item.providerMessageId,
          status: item.status ?? MessageStatus.QUEUED,
          providerStatus: item.providerStatus ?? '',
        };
        await this.sender.recordAccepted(message, accepted, 1, adapter);
      } else {
        await this.sender.fail(message, bulkItemError(adapter.id, item), 1, 'send');
      }
    }
    return messages;
  }

  async sendStatusStory(tenantId: string, input: SendStatusStoryInput): Promise<MessageEntity> {
    const story = prepareStory(input);
    const resolved = await this.connections.connect(tenantId, input.connection);
    requireCapability(resolved.adapter, 'status_story');
    const hash = requestHash({ connection: resolved.connection.name, ...story.stored });
    const replayed = input.idempotencyKey ? await this.replay(tenantId, input.idempotencyKey, hash) : null;
    if (replayed) return answerReplay(replayed);
    const [target] = await this.failover.admitSync([resolved]);
    const row = { type: 'status_story', to: STATUS_STORY_RECIPIENT, stored: story.stored };
    const created = await this.create(tenantId, target.connection, [row], input.idempotencyKey, hash, null);
    const message = created.messages[0]!;
    if (created.replay) return message;
    await this.failover.sendNow(message, [target], { kind: 'story', request: story.request });
    return message;
  }

  async get(tenantId: string, id: string): Promise<MessageEntity> {
    const message = isUuid(id)
      ? await this.messages.findOne({ where: { ...messageKeyWhere(id), tenantId } })
      : null;
    if (!message) throw GatewayError.notFound('message', id);
    return message;
  }

  /**
   * Stores the messages QUEUED with their first status change, claiming the idempotency key in the same
   * transaction; with a live key, answers the key's first messages instead (or IDEMPOTENCY_KEY_REUSED).
   */
  private async create(
    tenantId: string,
    connection: ConnectionEntity,
    rows: NewMessage[],
    key: string | null | undefined,
    hash: string,
    /** A single send or story (not bulk): its route, and its first attempt is written with it. */
    single?: RouteEntity | null,
  ): Promise<{ replay: boolean; messages: MessageEntity[] }> {
    if (key) {
      const existing = await this.replay(tenantId, key, hash);
      if (existing) {
        markReplayed(existing);
        return { replay: true, messages: existing };
      }
    }
    const nextActionAt = this.timing.leaseUntil(); // in flight: see MessageTiming.leaseMs
    const queued = rows.map((row) => ({
      id: newMessageId(),
      connectionId: connection.id,
      connectionName: connection.name,
      provider: connection.provider,
      type: row.type,
      to: row.to,
      request: row.stored,
      nextActionAt,
      routeId: single?.id ?? null,
      routeName: single?.name ?? null,
      firstAttempt: single !== undefined,
    }));
    const created = key
      ? await insertQueued(this.dataSource, {
          tenantId,
          rows: queued,
          idempotency: { key, requestHash: hash, ttlMs: IDEMPOTENCY_TTL_MS },
        })
      : await this.keylessInserts.submit({ tenantId, rows: queued });
    if (!created) {
      // Another request holds the key: answer its messages (or IDEMPOTENCY_KEY_REUSED).
      const existing = key ? await this.replay(tenantId, key, hash) : null;
      if (!existing)
        throw new GatewayError(GatewayErrorCode.CONFLICT, `idempotency key "${key}" is busy; retry`);
      markReplayed(existing);
      return { replay: true, messages: existing };
    }
    const messages = queued.map((row) =>
      this.messages.create({
        ...row,
        tenantId,
        status: MessageStatus.QUEUED,
        providerMessageId: null,
        providerStatus: null,
        error: null,
        attempts: 0,
        idempotencyKey: key ?? null,
        possibleDuplicate: false,
        ...created.get(row.id),
      }),
    );
    return { replay: false, messages };
  }

  private async replay(tenantId: string, key: string, hash: string): Promise<MessageEntity[] | null> {
    const record = await this.idempotency.find(tenantId, key);
    if (!record) return null;
    this.idempotency.check(record, hash);
    const messages = await this.messages.find({
      where: { tenantId, idempotencyKey: key, createdAt: MoreThanOrEqual(record.createdAt) },
    });
    if (messages.length === 0) return null;
    return messages.sort((a, b) => bulkIndexOf(a) - bulkIndexOf(b));
  }
}

function answerReplay(messages: MessageEntity[]): MessageEntity {
  markReplayed(messages);
  return messages[0]!;
}

function requestHash(canonical: Record<string, unknown>): string {
  return sha256Hex(canonicalJson(canonical));
}

/** UNSUPPORTED_CAPABILITY naming provider and capability, before anything is stored. */
function requireCapability(adapter: MessagingProvider, capability: Capability): void {
  if (!adapter.capabilities[capability]) throw unsupported(adapter.id, capability);
}

function bulkItemOf(prepared: PreparedSend): BulkItem {
  const request = prepared.request;
  if (request.type === 'text' || request.type === 'template') return request;
  if (
    request.type === 'image' ||
    request.type === 'video' ||
    request.type === 'document' ||
    request.type === 'audio'
  )
    return request;
  throw GatewayError.badInput('messages', `a bulk send cannot carry ${request.type}`);
}

function bulkIndexOf(message: MessageEntity): number {
  const bulk = message.request.bulk as { index?: unknown } | undefined;
  return typeof bulk?.index === 'number' ? bulk.index : 0;
}

const CODES = new Set<string>(Object.values(ProviderErrorCode));

/** A bulk item the provider refused: its error text starts with the code when the adapter knew one. */
/** A failed bulk item as the message keeps it: the adapter's per-item code, else a `CODE: text` prefix, else REJECTED. */
function bulkItemError(provider: string, item: BulkItemResult | undefined) {
  const text = item?.error ?? `${provider} answered nothing for this recipient`;
  const prefixed = /^([A-Z_]+):\s/.exec(text)?.[1];
  const code =
    item?.errorCode ??
    (prefixed && CODES.has(prefixed)
      ? prefixed
      : item
        ? ProviderErrorCode.REJECTED
        : ProviderErrorCode.UNEXPECTED_RESPONSE);
  return {
    code,
    message: text,
    fields: item?.fieldErrors,
    transient: false,
    at: new Date().toISOString(),
  };
}
