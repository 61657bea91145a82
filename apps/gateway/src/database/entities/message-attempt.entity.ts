import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What became of one send attempt: `accepted` (the provider took it), `rejected` (a definitive refusal),
 * `transient` (a failure worth trying again, on the next connection of a route), `adopted` (the process died before
 * recording the answer and the provider's lookup found the message), `lost` (the process died before recording the
 * answer and the message was sent again). No outcome yet: the attempt is in flight, or its process died.
 */
export const ATTEMPT_OUTCOMES = ['accepted', 'rejected', 'transient', 'adopted', 'lost'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/**
 * One send attempt of a message, written BEFORE the provider call (so a process that dies during the call leaves
 * an attempt without outcome, which the scheduler resolves: see messages/crash-recovery.ts) and completed after.
 * Not partitioned (its reads are by message id, and an attempt can start in the month after its message's), and no
 * foreign key to the partitioned messages: retention deletes a message's attempts with it.
 */
@Entity('message_attempts')
export class MessageAttemptEntity {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' }) messageId!: string;
  /** 1, 2, ...: the message's `attempts` count once this attempt is recorded. */
  @PrimaryColumn({ type: 'int' }) number!: number;
  /** No foreign key: the history outlives a deleted connection. */
  @Column({ name: 'connection_id', type: 'uuid' }) connectionId!: string;
  @Column({ name: 'connection_name', type: 'text' }) connectionName!: string;
  @Column({ type: 'text' }) provider!: string;
  @Column({ type: 'text', nullable: true }) outcome!: AttemptOutcome | null;
  @Column({ name: 'error_code', type: 'text', nullable: true }) errorCode!: string | null;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt!: Date;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
