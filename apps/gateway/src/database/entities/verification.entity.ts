import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A phone verification: Watsal's native OTP, or a gateway-generated code sent as text (only its hash kept). */
@Entity('verifications')
export class VerificationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index() @Column({ name: 'tenant_id', type: 'uuid' }) tenantId!: string;
  @Column({ name: 'connection_id', type: 'uuid' }) connectionId!: string;
  @Column({ type: 'text' }) provider!: string;
  @Column({ name: 'to_number', type: 'text' }) to!: string;
  /** `native` (the provider checks) or `gateway` (we check the hash). */
  @Column({ type: 'text' }) mode!: 'native' | 'gateway';
  @Column({ name: 'provider_request_id', type: 'text', nullable: true }) providerRequestId!: string | null;
  @Column({ name: 'code_hash', type: 'text', nullable: true }) codeHash!: string | null;
  @Column({ name: 'code_salt', type: 'text', nullable: true }) codeSalt!: string | null;
  @Column({ name: 'message_id', type: 'uuid', nullable: true }) messageId!: string | null;
  @Column({ type: 'text' }) status!: 'PENDING' | 'VERIFIED' | 'EXPIRED' | 'FAILED';
  @Column({ type: 'int', default: 0 }) attempts!: number;
  @Column({ name: 'max_attempts', type: 'int' }) maxAttempts!: number;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
