import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What a retry of a message needs and its `request` column does not keep (uploaded media bytes, the text of a
 * secret message): the full provider request, sealed with GATEWAY_ENCRYPTION_KEY, so that any gateway process can
 * retry the message, even after a restart. Deleted when the message reaches a final outcome; a cleanup removes
 * what outlives its retention (GATEWAY_HELD_REQUEST_RETENTION_MS). No foreign key to the partitioned messages:
 * retention deletes a message's held request with it.
 */
@Entity('held_requests')
export class HeldRequestEntity {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' }) messageId!: string;
  @Column({ type: 'text' }) sealed!: string;
  /** Size of the uploaded bytes, for operators. */
  @Column({ type: 'integer' }) bytes!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Index() @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
}
