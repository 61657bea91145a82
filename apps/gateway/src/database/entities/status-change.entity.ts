import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { MessageEntity } from './message.entity.js';
import type { MessageStatusValue } from './message.entity.js';

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
  @CreateDateColumn({ type: 'timestamptz' }) at!: Date;
  @ManyToOne(() => MessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: MessageEntity;
}
