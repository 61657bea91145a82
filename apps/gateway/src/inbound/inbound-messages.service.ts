import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { QueryDeepPartialEntity, Repository, SelectQueryBuilder } from 'typeorm';
import type { InboundMessage } from '@app/providers';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { ConnectionsService } from '../connections/connections.service.js';
import type { ConnectionEntity } from '../database/entities/index.js';
import { InboundMessageEntity } from '../database/entities/index.js';
import { connectionWindow, type ConnectionWindow } from '../common/graphql/connection.args.js';
import { toConnection, type ConnectionModel } from '../common/graphql/connection.types.js';
import { EventsService } from '../events/events.service.js';
import type { InboundMessagePageRequest } from './dto/inbound-messages.args.js';
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

  /** REST's page: first/after only, edges and a forward pageInfo (its documented shape). */
  async list(tenantId: string, request: InboundMessagePageRequest): Promise<InboundMessageConnectionModel> {
    const window = connectionWindow({ first: request.first, after: request.after });
    const page = await this.connection(tenantId, request.filter ?? {}, window);
    return {
      edges: page.edges,
      pageInfo: { hasNextPage: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor },
    };
  }

  /** GraphQL's Relay connection: first/after forward (newest first), last/before backward. */
  async connection(
    tenantId: string,
    filter: NonNullable<InboundMessagePageRequest['filter']>,
    window: ConnectionWindow,
  ): Promise<ConnectionModel<InboundMessageModel>> {
    const forward = window.direction === 'forward';
    // By id while the connection exists (it may have been renamed); by the stored name once it is deleted.
    const connection =
      filter.connection != null
        ? await this.connections.get(tenantId, filter.connection).catch(unlessNotFound)
        : undefined;
    const query = inboundListQuery(
      this.repo,
      tenantId,
      {
        ...(filter.connection != null && {
          connection: connection ? { id: connection.id } : { name: filter.connection },
        }),
        ...(filter.from != null && { from: filter.from }),
        ...(filter.since != null && { since: filter.since }),
      },
      window,
    );
    const rows = await query.getMany();
    const more = rows.length > window.size;
    const page = rows.slice(0, window.size);
    if (!forward) page.reverse();
    const edges = page.map((row) => ({ cursor: encodeInboundCursor(row), node: this.toModel(row) }));
    return toConnection(
      edges,
      forward
        ? { hasNextPage: more, hasPreviousPage: window.after !== undefined }
        : { hasNextPage: window.before !== undefined, hasPreviousPage: more },
    );
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

/** The list's filter once `connection` is resolved: by id while the connection exists, by stored name after. */
export interface InboundListFilter {
  connection?: { id: string } | { name: string };
  from?: string;
  since?: Date;
}

/**
 * The list's SQL (exported so test/e2e/gateway/list-plans.e2e-spec.ts EXPLAINs exactly what the API runs). Every
 * filter has an index ending in (received_at, id): see InboundMessageEntity.
 */
export function inboundListQuery(
  repo: Repository<InboundMessageEntity>,
  tenantId: string,
  filter: InboundListFilter,
  window: ConnectionWindow,
): SelectQueryBuilder<InboundMessageEntity> {
  const forward = window.direction === 'forward';
  const order = forward ? 'DESC' : 'ASC';
  const query = repo
    .createQueryBuilder('m')
    .where('m.tenantId = :tenantId', { tenantId })
    .orderBy('m.receivedAt', order)
    .addOrderBy('m.id', order)
    .take(window.size + 1);
  if (filter.connection && 'id' in filter.connection)
    query.andWhere('m.connectionId = :connectionId', { connectionId: filter.connection.id });
  else if (filter.connection)
    query.andWhere('m.connectionName = :connectionName', { connectionName: filter.connection.name });
  if (filter.from != null) query.andWhere('m.from = :from', { from: filter.from });
  if (filter.since != null) query.andWhere('m.receivedAt >= :since', { since: filter.since });
  // Newest first: "after" a cursor means older than it, "before" it means newer.
  if (window.after !== undefined) {
    const cursor = decodeInboundCursor(window.after, 'after');
    // A row comparison, not the equivalent OR: PostgreSQL starts the index walk at the cursor only for this form.
    query.andWhere('(m.receivedAt, m.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', {
      afterAt: cursor.receivedAt,
      afterId: cursor.id,
    });
  }
  if (window.before !== undefined) {
    const cursor = decodeInboundCursor(window.before, 'before');
    query.andWhere('(m.receivedAt, m.id) > (CAST(:beforeAt AS timestamptz), CAST(:beforeId AS uuid))', {
      beforeAt: cursor.receivedAt,
      beforeId: cursor.id,
    });
  }
  return query;
}
