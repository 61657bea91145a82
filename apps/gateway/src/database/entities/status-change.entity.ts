import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { MessageStatusValue } from './message.entity.js';

/**
 * Partitioned by month on `at` (apps/gateway/src/partitions), so its primary key includes `at`; no foreign key to
 * the partitioned messages (PostgreSQL would need the whole (id, created_at) key): retention deletes a message's
 * changes with it.
 */
@Entity('status_changes')
@Index(['messageId', 'at'])
export class StatusChangeEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'message_id', type: 'uuid' }) messageId!: string;
  @Column({ type: 'text' }) status!: MessageStatusValue;
  @Column({ name: 'provider_status', type: 'text', nullable: true }) providerStatus!: string | null;
  /** What told us: the send answer, a poll, a webhook. */
  @Column({ type: 'text' }) source!: string;
  @CreateDateColumn({ type: 'timestamptz', primary: true }) at!: Date;
}
