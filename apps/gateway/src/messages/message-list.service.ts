import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { MessageEntity } from '../database/entities/message.entity.js';
import { connectionWindow, type ConnectionWindow } from '../common/graphql/connection.args.js';
import { toConnection, type ConnectionModel } from '../common/graphql/connection.types.js';
import type { MessageFilterInput, MessagePageRequest } from './dto/messages.args.js';
import { decodeMessageCursor, encodeMessageCursor } from './message-cursor.js';
import { MessageStatusService } from './message-status.service.js';
import type { MessageConnectionModel, MessageModel } from './models/message.model.js';

/** created_at as PostgreSQL keeps it (microseconds), for a cursor that compares exactly. */
const CURSOR_AT = `to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A tenant's messages, newest first, filtered, by opaque keyset cursor (createdAt, id). */
@Injectable()
export class MessageListService {
  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    private readonly status: MessageStatusService,
  ) {}

  /** REST's page: first/after only, `items` and a forward pageInfo (its documented shape). */
  async list(tenantId: string, request: MessagePageRequest): Promise<MessageConnectionModel> {
    const window = connectionWindow({ first: request.first, after: request.after });
    const page = await this.connection(tenantId, request.filter ?? {}, window);
    return {
      items: page.nodes,
      pageInfo: { hasNextPage: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor },
    };
  }

  /** GraphQL's Relay connection: first/after forward (newest first), last/before backward. */
  async connection(
    tenantId: string,
    filter: MessageFilterInput,
    window: ConnectionWindow,
  ): Promise<ConnectionModel<MessageModel>> {
    const forward = window.direction === 'forward';
    const { entities, raw } = await messageListQuery(
      this.messages,
      tenantId,
      filter,
      window,
    ).getRawAndEntities<{ cursor_at: string }>();
    const more = entities.length > window.size;
    const rows = entities.slice(0, window.size).map((entity, i) => ({
      entity,
      cursor: encodeMessageCursor({ createdAt: raw[i]!.cursor_at, id: entity.id }),
    }));
    if (!forward) rows.reverse();
    const nodes = await this.status.describeMany(rows.map((row) => row.entity));
    const edges = rows.map((row, i) => ({ cursor: row.cursor, node: nodes[i]! }));
    return toConnection(
      edges,
      forward
        ? { hasNextPage: more, hasPreviousPage: window.after !== undefined }
        : { hasNextPage: window.before !== undefined, hasPreviousPage: more },
    );
  }
}

/**
 * The list's SQL for one tenant, filter and window (exported so test/e2e/gateway/list-plans.e2e-spec.ts EXPLAINs
 * exactly what the API runs). Every filter has an index ending in (created_at, id): see MessageEntity.
 */
export function messageListQuery(
  messages: Repository<MessageEntity>,
  tenantId: string,
  filter: MessageFilterInput,
  window: ConnectionWindow,
): SelectQueryBuilder<MessageEntity> {
  const query = messages
    .createQueryBuilder('m')
    .addSelect(CURSOR_AT, 'cursor_at')
    .where('m.tenant_id = :tenantId', { tenantId });
  if (filter.connection) query.andWhere('m.connection_name = :connection', { connection: filter.connection });
  if (filter.status) query.andWhere('m.status = :status', { status: filter.status });
  if (filter.to) query.andWhere('m.to_number = :to', { to: filter.to });
  if (filter.createdAfter)
    query.andWhere('m.created_at >= :createdAfter', { createdAfter: filter.createdAfter });
  if (filter.createdBefore)
    query.andWhere('m.created_at < :createdBefore', { createdBefore: filter.createdBefore });
  // Newest first: "after" a cursor means older than it, "before" it means newer.
  if (window.after !== undefined) {
    const cursor = decodeMessageCursor(window.after, 'after');
    query.andWhere('(m.created_at, m.id) < (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', {
      afterAt: cursor.createdAt,
      afterId: cursor.id,
    });
  }
  if (window.before !== undefined) {
    const cursor = decodeMessageCursor(window.before, 'before');
    query.andWhere('(m.created_at, m.id) > (CAST(:beforeAt AS timestamptz), CAST(:beforeId AS uuid))', {
      beforeAt: cursor.createdAt,
      beforeId: cursor.id,
    });
  }
  const order = window.direction === 'forward' ? 'DESC' : 'ASC';
  return query
    .orderBy('m.created_at', order)
    .addOrderBy('m.id', order)
    .limit(window.size + 1);
}
