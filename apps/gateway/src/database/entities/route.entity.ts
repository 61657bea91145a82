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

/**
 * A failover route: a named, ordered list of the tenant's connections. The connections are kept by id (a renamed
 * connection stays in its routes); deleting a connection a route uses is refused (see routes/route-usage.ts).
 */
@Entity('routes')
@Index(['tenantId', 'name'], { unique: true })
export class RouteEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ type: 'text' }) name!: string;
  /** In the order the gateway tries them. */
  @Column({ name: 'connection_ids', type: 'uuid', array: true }) connectionIds!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: TenantEntity;
}
