import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VirtualColumn,
} from 'typeorm';

export const MESSAGE_STATUSES = ['QUEUED', 'SENT', 'DELIVERED', 'READ', 'FAILED'] as const;
export type MessageStatusValue = (typeof MESSAGE_STATUSES)[number];

export interface MessageErrorRecord {
  code: string;
  message: string;
  httpStatus?: number;
  providerCode?: string;
  rawBody?: unknown;
  transient: boolean;
  at: string;
}

/**
 * One outgoing message through one connection, with its latest known status.
 * The list indexes: one per filter the API offers, each ending in the list's order (created_at, id), so a page
 * reads only its own rows (measured in `npm run bench -- history`, held by test/e2e/gateway/list-plans.e2e-spec.ts).
 * Partitioned by month on created_at (migration Partitioning1796300300000, apps/gateway/src/partitions): the primary
 * key includes the partition key, and a new message's id is a UUIDv7 whose time is its created_at (message-key.ts).
 */
@Entity('messages')
@Index(['tenantId', 'createdAt', 'id'])
@Index(['tenantId', 'to', 'createdAt', 'id'])
@Index(['tenantId', 'connectionName', 'createdAt', 'id'])
@Index(['tenantId', 'status', 'createdAt', 'id'])
@Index(['tenantId', 'connectionName', 'status', 'createdAt', 'id'])
@Index(['connectionId', 'providerMessageId'])
export class MessageEntity {
  /** UUIDv7 since partitioning (messages/message-key.ts), v4 before; the default is for hand-written rows only. */
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'connection_id', type: 'uuid' }) connectionId!: string;
  @Column({ name: 'connection_name', type: 'text' }) connectionName!: string;
  @Column({ type: 'text' }) provider!: string;
  @Column({ type: 'text' }) type!: string;
  @Column({ name: 'to_number', type: 'text' }) to!: string;
  /** The unified request as accepted (media bytes excluded), so a retry can send it again. */
  @Column({ type: 'jsonb' }) request!: Record<string, unknown>;
  @Column({ type: 'text' }) status!: MessageStatusValue;
  @Column({ name: 'provider_message_id', type: 'text', nullable: true }) providerMessageId!: string | null;
  @Column({ name: 'provider_status', type: 'text', nullable: true }) providerStatus!: string | null;
  @Column({ type: 'jsonb', nullable: true }) error!: MessageErrorRecord | null;
  @Column({ type: 'int', default: 0 }) attempts!: number;
  /**
   * When the scheduler should try the send again (transient failure) or poll the status; null = nothing due. Lives
   * in message_schedule (MessageScheduleEntity: the claim's lease rewrites it, which on this wide row touched every
   * list index); read with the message by primary key, for the API.
   */
  @VirtualColumn({
    type: 'timestamptz',
    query: (alias) => `SELECT s.next_action_at FROM message_schedule s WHERE s.message_id = ${alias}.id`,
  })
  nextActionAt!: Date | null;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey!: string | null;
  /** Sent by route (routes/): its id (null once deleted) and name; the connection columns follow its failover. */
  @Column({ name: 'route_id', type: 'uuid', nullable: true }) routeId!: string | null;
  @Column({ name: 'route_name', type: 'text', nullable: true }) routeName!: string | null;
  /** Sent again after a crash where the provider could not tell whether the first send arrived. */
  @Column({ name: 'possible_duplicate', type: 'boolean', default: false }) possibleDuplicate!: boolean;
  /** The partition key: exactly the millisecond of a UUIDv7 id. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', primary: true }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
