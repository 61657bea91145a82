import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('tenants')
export class TenantEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  /** A disabled tenant's keys are refused everywhere; its data stays. */
  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true }) disabledAt!: Date | null;
  /**
   * Days its messages, inbound messages, verifications and finished webhook deliveries are kept (see RetentionJob):
   * null follows GATEWAY_RETENTION_DAYS, 0 keeps them forever whatever the global setting says.
   */
  @Column({ name: 'retention_days', type: 'integer', nullable: true }) retentionDays!: number | null;
}
