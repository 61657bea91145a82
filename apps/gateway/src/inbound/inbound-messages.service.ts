import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { QueryDeepPartialEntity, Repository } from 'typeorm';
import type { InboundMessage } from '@app/providers';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { ConnectionsService } from '../connections/connections.service.js';
import type { ConnectionEntity } from '../database/entities/index.js';
import { InboundMessageEntity } from '../database/entities/index.js';
import { EventsService } from '../events/events.service.js';
import { DEFAULT_PAGE_SIZE, type InboundMessagePageRequest } from './dto/inbound-messages.args.js';
import { decodeInboundCursor, encodeInboundCursor, isUuid } from './inbound-cursor.js';
import type { InboundMessageConnectionModel, InboundMessageModel } from './models/inbound-message.model.js';
import { receivedAtOf } from './received-at.js';
import { withoutNul } from './without-nul.js';

export const INBOUND_MESSAGE_RECEIVED = 'inboundMessageReceived';

function unlessNotFound(error: unknown): null {
  if (error instanceof GatewayError && error.code === GatewayErrorCode.NOT_FOUND) return null;
  throw error;
}

/**
 * Inbound messages of a tenant: stored once per (connection, provider message id) whichever way they arrive
 * (webhook or polled received list), published on `inboundMessageReceived` the first time only.
 */
@Injectable()
export class InboundMessagesService implements OnModuleInit {
  constructor(
    @InjectRepository(InboundMessageEntity) private readonly repo: Repository<InboundMessageEntity>,
    private readonly connections: ConnectionsService,
    private readonly events: EventsService,
  ) {}

  /** Stores what is new, ignores what is known, publishes each new one; returns the new ones. */
  async store(connection: ConnectionEntity, messages: InboundMessage[]): Promise<InboundMessageModel[]> {
    const byId = new Map<string, InboundMessage>();
    for (const message of messages) {
      if (message.providerMessageId && !byId.has(message.providerMessageId))
        byId.set(message.providerMessageId, message);
    }
    if (byId.size === 0) return [];
    const now = new Date();
    const rows = [...byId.values()].map((m) => ({
      tenantId: connection.tenantId,
      connectionId: connection.id,
      connectionName: connection.name,
      provider: connection.provider,
      providerMessageId: withoutNul(m.providerMessageId),
      from: withoutNul(m.from),
      to: m.to ? withoutNul(m.to) : null,
      kind: m.kind,
      text: m.text !== undefined ? withoutNul(m.text) : null,
      fileUrl: m.fileUrl !== undefined ? withoutNul(m.fileUrl) : null,
      receivedAt: receivedAtOf(m.receivedAt, now),
      raw: withoutNul(m.raw ?? null),
    }));
    // TypeORM types a jsonb `unknown` column's insert value narrowly; the value is JSON either way.
    const values = rows as QueryDeepPartialEntity<InboundMessageEntity>[];
    const result = await this.repo
      .createQueryBuilder()
      .insert()
      .into(InboundMessageEntity)
      .values(values)
      .orIgnore()
      .returning(['id', 'providerMessageId', 'createdAt'])
      .execute();
    const inserted = result.raw as Array<{ id: string; provider_message_id: string; created_at: Date }>;
    const stored = inserted.flatMap((row) => {
      const input = rows.find((r) => r.providerMessageId === row.provider_message_id);
      return input ? [this.toModel({ ...input, id: row.id, createdAt: new Date(row.created_at) })] : [];
    });
    for (const model of stored) this.events.publish(INBOUND_MESSAGE_RECEIVED, connection.tenantId, model);
    return stored;
  }

  /** Other gateway processes announce received messages by id: this process reads the row to deliver it. */
  onModuleInit(): void {
    this.events.registerLoader(INBOUND_MESSAGE_RECEIVED, (tenantId, id) => this.find(tenantId, id));
  }

  async list(tenantId: string, request: InboundMessagePageRequest): Promise<InboundMessageConnectionModel> {
    const first = request.first ?? DEFAULT_PAGE_SIZE;
    const query = this.repo
      .createQueryBuilder('m')
      .where('m.tenantId = :tenantId', { tenantId })
      .orderBy('m.receivedAt', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(first + 1);
    const filter = request.filter ?? {};
    if (filter.connection !== undefined) {
      // By id while the connection exists (it may have been renamed); by the stored name once it is deleted.
      const connection = await this.connections.get(tenantId, filter.connection).catch(unlessNotFound);
      if (connection) query.andWhere('m.connectionId = :connectionId', { connectionId: connection.id });
      else query.andWhere('m.connectionName = :connectionName', { connectionName: filter.connection });
    }
    if (filter.from !== undefined) query.andWhere('m.from = :from', { from: filter.from });
    if (filter.since !== undefined) query.andWhere('m.receivedAt >= :since', { since: filter.since });
    if (request.after !== undefined) {
      const cursor = decodeInboundCursor(request.after);
      query.andWhere('(m.receivedAt < :cursorAt OR (m.receivedAt = :cursorAt AND m.id < :cursorId))', {
        cursorAt: cursor.receivedAt,
        cursorId: cursor.id,
      });
    }
    const rows = await query.getMany();
    const page = rows.slice(0, first);
    const edges = page.map((row) => ({ cursor: encodeInboundCursor(row), node: this.toModel(row) }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  async find(tenantId: string, id: string): Promise<InboundMessageModel | null> {
    if (!isUuid(id)) return null;
    const row = await this.repo.findOne({ where: { tenantId, id } });
    return row ? this.toModel(row) : null;
  }

  async get(tenantId: string, id: string): Promise<InboundMessageModel> {
    const found = await this.find(tenantId, id);
    if (!found) throw GatewayError.notFound('inbound message', id);
    return found;
  }

  toModel(row: Omit<InboundMessageEntity, 'tenantId' | 'connectionId' | 'raw'>): InboundMessageModel {
    return {
      id: row.id,
      connection: row.connectionName,
      provider: row.provider,
      providerMessageId: row.providerMessageId,
      from: row.from,
      to: row.to,
      kind: row.kind,
      text: row.text,
      fileUrl: row.fileUrl,
      receivedAt: row.receivedAt,
      createdAt: row.createdAt,
    };
  }
}
