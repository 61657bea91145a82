import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { MessageEntity } from '../database/entities/message.entity.js';
import { DEFAULT_PAGE_SIZE, type MessagePageRequest } from './dto/messages.args.js';
import { decodeMessageCursor, encodeMessageCursor } from './message-cursor.js';
import { MessageStatusService } from './message-status.service.js';
import type { MessageConnectionModel } from './models/message.model.js';

/** created_at as PostgreSQL keeps it (microseconds), for a cursor that compares exactly. */
const CURSOR_AT = `to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A tenant's messages, newest first, filtered, by opaque cursor. */
@Injectable()
export class MessageListService {
  constructor(
    @InjectRepository(MessageEntity) private readonly messages: Repository<MessageEntity>,
    private readonly status: MessageStatusService,
  ) {}

  async list(tenantId: string, request: MessagePageRequest): Promise<MessageConnectionModel> {
    const first = request.first ?? DEFAULT_PAGE_SIZE;
    const filter = request.filter ?? {};
    const query = this.messages
      .createQueryBuilder('m')
      .addSelect(CURSOR_AT, 'cursor_at')
      .where('m.tenant_id = :tenantId', { tenantId });
    if (filter.connection)
      query.andWhere('m.connection_name = :connection', { connection: filter.connection });
    if (filter.status) query.andWhere('m.status = :status', { status: filter.status });
    if (filter.to) query.andWhere('m.to_number = :to', { to: filter.to });
    if (filter.createdAfter) query.andWhere('m.created_at >= :after', { after: filter.createdAfter });
    if (filter.createdBefore) query.andWhere('m.created_at < :before', { before: filter.createdBefore });
    if (request.after) {
      const cursor = decodeMessageCursor(request.after);
      query.andWhere('(m.created_at, m.id) < (CAST(:cursorAt AS timestamptz), CAST(:cursorId AS uuid))', {
        cursorAt: cursor.createdAt,
        cursorId: cursor.id,
      });
    }
    const { entities, raw } = await query
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .limit(first + 1)
      .getRawAndEntities<{ cursor_at: string }>();
    const page = entities.slice(0, first);
    const last = page.length > 0 ? page.length - 1 : -1;
    return {
      items: await this.status.describeMany(page),
      pageInfo: {
        hasNextPage: entities.length > first,
        endCursor:
          last >= 0 ? encodeMessageCursor({ createdAt: raw[last]!.cursor_at, id: page[last]!.id }) : null,
      },
    };
  }
}
