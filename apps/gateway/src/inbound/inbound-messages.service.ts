import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository, SelectQueryBuilder } from 'typeorm';
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

/**
 * Dedup across partitions: inbound_messages is partitioned by received_at, so its unique index must include
 * received_at, and a redelivery with another received_at (a provider that stamps the delivery, not the message)
 * would not conflict with it. The store therefore inserts only provider ids that no partition holds yet (the
 * NOT EXISTS probes each partition's (connection_id, provider_message_id, received_at) index by its prefix), keeps
 * ON CONFLICT DO NOTHING for an identical redelivery, and first takes a transaction advisory lock per (connection,
 * provider id), so two concurrent deliveries of one message cannot both pass the NOT EXISTS: the second waits for
 * the first to commit and then sees its row (the check runs in a statement started after the lock).
 */
const LOCK_PROVIDER_IDS_SQL = `SELECT pg_advisory_xact_lock(k) FROM (
  SELECT DISTINCT hashtextextended($1::text || ':' || p, 0) AS k FROM unnest($2::text[]) AS p ORDER BY k
) AS keys`;

const STORE_SQL = `
INSERT INTO inbound_messages (tenant_id, connection_id, connection_name, provider, provider_message_id, from_number,
                              to_number, kind, text, file_url, received_at, raw)
SELECT r.tenant_id, r.connection_id, r.connection_name, r.provider, r.provider_message_id, r.from_number,
       r.to_number, r.kind, r.text, r.file_url, r.received_at, r.raw
FROM jsonb_to_recordset($1::jsonb) AS r(tenant_id uuid, connection_id uuid, connection_name text, provider text,
  provider_message_id text, from_number text, to_number text, kind text, text text, file_url text,
  received_at timestamptz, raw jsonb)
WHERE NOT EXISTS (
  SELECT 1 FROM inbound_messages i
  WHERE i.connection_id = r.connection_id AND i.provider_message_id = r.provider_message_id
)
ON CONFLICT DO NOTHING
RETURNING id, provider_message_id, created_at`;

/** A row as STORE_SQL's jsonb_to_recordset reads it (received_at added by the caller, as ISO text). */
function columnsOf(row: {
  tenantId: string;
  connectionId: string;
  connectionName: string;
  provider: string;
  providerMessageId: string;
  from: string;
  to: string | null;
  kind: string;
  text: string | null;
  fileUrl: string | null;
  raw: unknown;
}): Record<string, unknown> {
  return {
    tenant_id: row.tenantId,
    connection_id: row.connectionId,
    connection_name: row.connectionName,
    provider: row.provider,
    provider_message_id: row.providerMessageId,
    from_number: row.from,
    to_number: row.to,
    kind: row.kind,
    text: row.text,
    file_url: row.fileUrl,
    raw: row.raw,
  };
}

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
    const inserted = await this.repo.manager.transaction(async (tx) => {
      await tx.query(LOCK_PROVIDER_IDS_SQL, [connection.id, rows.map((r) => r.providerMessageId)]);
      return (await tx.query(STORE_SQL, [
        JSON.stringify(rows.map((r) => ({ ...columnsOf(r), received_at: r.receivedAt.toISOString() }))),
      ])) as Array<{ id: string; provider_message_id: string; created_at: Date }>;
    });
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
