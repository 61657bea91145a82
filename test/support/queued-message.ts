import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { MessageEntity } from '../../apps/gateway/src/database/entities/index.js';
import { messageKeyWhere, newMessageId } from '../../apps/gateway/src/messages/message-key.js';
import { insertQueued } from '../../apps/gateway/src/messages/queued-insert.js';

/** One QUEUED Wessaal text message of `tenantId`, stored as the gateway stores a send, due in a minute; read back. */
export async function insertQueuedMessage(dataSource: DataSource, tenantId: string): Promise<MessageEntity> {
  const id = newMessageId();
  await insertQueued(dataSource, {
    tenantId,
    rows: [
      {
        id,
        connectionId: randomUUID(),
        connectionName: 'c',
        provider: 'wessaal',
        type: 'text',
        to: '+966501234567',
        request: { type: 'text', text: 'hi' },
        nextActionAt: new Date(Date.now() + 60_000),
        firstAttempt: true,
      },
    ],
  });
  return (await dataSource.getRepository(MessageEntity).findOne({ where: messageKeyWhere(id) }))!;
}
