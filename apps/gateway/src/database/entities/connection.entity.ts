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
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: TenantEntity;
}
