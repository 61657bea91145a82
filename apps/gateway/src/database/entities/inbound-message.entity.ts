import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A message a customer sent, from a webhook or a provider's received list; stored once per provider id.
 * Partitioned by month on received_at (apps/gateway/src/partitions): a unique index must include the partition key,
 * so the store checks the (connection_id, provider_message_id) prefix itself (inbound-messages.service.ts).
 */
@Entity('inbound_messages')
@Index(['connectionId', 'providerMessageId', 'receivedAt'], { unique: true })
@Index(['tenantId', 'receivedAt', 'id'])
// One per filter of the list, ending in its order (received_at, id); by name for deleted connections.
@Index(['tenantId', 'connectionId', 'receivedAt', 'id'])
@Index(['tenantId', 'connectionName', 'receivedAt', 'id'])
@Index(['tenantId', 'from', 'receivedAt', 'id'])
export class InboundMessageEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'connection_id', type: 'uuid' }) connectionId!: string;
  @Column({ name: 'connection_name', type: 'text' }) connectionName!: string;
  @Column({ type: 'text' }) provider!: string;
  @Column({ name: 'provider_message_id', type: 'text' }) providerMessageId!: string;
  @Column({ name: 'from_number', type: 'text' }) from!: string;
  @Column({ name: 'to_number', type: 'text', nullable: true }) to!: string | null;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text', nullable: true }) text!: string | null;
  @Column({ name: 'file_url', type: 'text', nullable: true }) fileUrl!: string | null;
  @PrimaryColumn({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ type: 'jsonb', nullable: true }) raw!: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
