import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An idempotency key of a tenant: the hash of the request it first came with and the message it produced. */
@Entity('idempotency_records')
export class IdempotencyRecordEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ name: 'request_hash', type: 'text' }) requestHash!: string;
  @Column({ name: 'message_id', type: 'uuid' }) messageId!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** Kept at least 24 h; a cleanup removes expired ones. */
  @Index() @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
}
