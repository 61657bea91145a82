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

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';
export type WebhookDisabledReason = 'gone' | 'failing';

/** An HTTPS endpoint of a tenant's application that receives signed event callbacks. */
@Entity('webhook_endpoints')
@Index(['tenantId', 'createdAt', 'id'])
export class WebhookEndpointEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  /** Event types delivered here; empty = all. */
  @Column({ name: 'event_types', type: 'text', array: true, default: () => "'{}'" }) eventTypes!: string[];
  @Column({ type: 'boolean', default: true }) enabled!: boolean;
  /** Why the gateway disabled it: `gone` (the receiver answered 410) or `failing` (no success for days). */
  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason!: WebhookDisabledReason | null;
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  /** The signing secret (`whsec_...`), sealed with the gateway's encryption key. */
  @Column({ name: 'secret_sealed', type: 'text' }) secretSealed!: string;
  /** The secret before the last rotation: it still signs until `previousSecretExpiresAt`. */
  @Column({ name: 'previous_secret_sealed', type: 'text', nullable: true }) previousSecretSealed!:
    string | null;
  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;
  /** First failed attempt since the last success; null while healthy. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true }) failingSince!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/**
 * The outbox: one row per event, written by triggers in the transaction of the change that causes it. `body` is
 * rendered once, on first delivery, so every retry and every endpoint gets the same bytes.
 */
@Entity('webhook_events')
// Retention (apps/gateway/src/retention) deletes a tenant's old events in batches by creation time.
@Index(['tenantId', 'createdAt', 'id'])
export class WebhookEventEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) type!: string;
  /** The message, inbound message or verification the event is about. */
  @Column({ name: 'subject_id', type: 'uuid' }) subjectId!: string;
  /** For message events: the status change that caused it (the payload shows the message as of that change). */
  @Column({ name: 'status_change_id', type: 'uuid', nullable: true }) statusChangeId!: string | null;
  @Column({ type: 'text', nullable: true }) body!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** One event for one endpoint, retried on a schedule until it lands or gives up. */
@Entity('webhook_deliveries')
@Index(['nextAttemptAt'], { where: "status = 'pending'" })
@Index(['endpointId', 'createdAt', 'id'])
@Index(['subjectId'])
// Retention asks whether an event still has deliveries; the event_id foreign key's cascade needs it too.
@Index(['eventId'])
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'endpoint_id', type: 'uuid' }) endpointId!: string;
  @Column({ name: 'event_type', type: 'text' }) eventType!: string;
  @Column({ name: 'subject_id', type: 'uuid' }) subjectId!: string;
  @Column({ type: 'text', default: 'pending' }) status!: WebhookDeliveryStatus;
  /** Attempts claimed in the current schedule (a resend starts a new schedule). */
  @Column({ name: 'attempt_count', type: 'int', default: 0 }) attemptCount!: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true }) nextAttemptAt!: Date | null;
  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true }) lastAttemptAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @ManyToOne(() => WebhookEndpointEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id' })
  endpoint?: WebhookEndpointEntity;
  @ManyToOne(() => WebhookEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: WebhookEventEntity;
}

/** One HTTP try of a delivery: what the receiver answered (0 = no answer) and how long it took. */
@Entity('webhook_attempts')
@Index(['endpointId', 'at', 'id'])
@Index(['subjectId', 'at', 'id'])
@Index(['deliveryId'])
export class WebhookAttemptEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'delivery_id', type: 'uuid' }) deliveryId!: string;
  @Column({ name: 'endpoint_id', type: 'uuid' }) endpointId!: string;
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'event_type', type: 'text' }) eventType!: string;
  @Column({ name: 'subject_id', type: 'uuid' }) subjectId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) url!: string;
  @Column({ name: 'status_code', type: 'int' }) statusCode!: number;
  @Column({ name: 'duration_ms', type: 'int' }) durationMs!: number;
  /** The first 1 KB of the answer. */
  @Column({ name: 'response_body', type: 'text', nullable: true }) responseBody!: string | null;
  /** Why there was no usable answer (timeout, connection refused, address refused). */
  @Column({ type: 'text', nullable: true }) error!: string | null;
  /** `scheduled` or `manual` (resend, recover). */
  @Column({ type: 'text' }) trigger!: string;
  @ManyToOne(() => WebhookDeliveryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: WebhookDeliveryEntity;
}

export const WEBHOOK_ENTITIES = [
  WebhookEndpointEntity,
  WebhookEventEntity,
  WebhookDeliveryEntity,
  WebhookAttemptEntity,
];
