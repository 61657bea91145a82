import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { TenantEntity } from './tenant.entity.js';
import type { RateLimit } from '../../dispatch/rate-limit.js';

/** A named account at one provider. Credentials are sealed (AES-256-GCM) and never leave the service layer. */
@Entity('connections')
@Index(['tenantId', 'name'], { unique: true })
export class ConnectionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) provider!: string;
  @Column({ name: 'base_url', type: 'text', nullable: true }) baseUrl!: string | null;
  @Column({ name: 'credentials_sealed', type: 'text' }) credentialsSealed!: string;
  /** Sender number / instance used when a request names none. */
  @Column({ name: 'default_from', type: 'text', nullable: true }) defaultFrom!: string | null;
  /** Random token in the webhook URL the provider calls (WaMessenger). */
  @Index({ unique: true }) @Column({ name: 'webhook_token', type: 'text' }) webhookToken!: string;
  /** Sends allowed through this connection (dispatch/rate-limit.ts); null = as fast as callers come. */
  @Column({ name: 'rate_limit', type: 'jsonb', nullable: true }) rateLimit!: RateLimit | null;
  /** Health (dispatch/connection-health.ts): written by single UPDATE statements only (`update: false` keeps `save` off them). */
  @Column({ name: 'paused_until', update: false, type: 'timestamptz', nullable: true })
  pausedUntil!: Date | null;
  @Column({ name: 'pause_reason', update: false, type: 'text', nullable: true }) pauseReason!: string | null;
  @Column({ name: 'consecutive_failures', update: false, type: 'int', default: 0 })
  consecutiveFailures!: number;
  @Column({ name: 'unavailable_until', update: false, type: 'timestamptz', nullable: true })
  unavailableUntil!: Date | null;
  @Column({ name: 'breaker_opens', update: false, type: 'int', default: 0 }) breakerOpens!: number;
  @Column({ name: 'breaker_probing', update: false, type: 'boolean', default: false })
  breakerProbing!: boolean;
  @Column({ name: 'health_changed_at', update: false, type: 'timestamptz', nullable: true })
  healthChangedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: TenantEntity;
}
