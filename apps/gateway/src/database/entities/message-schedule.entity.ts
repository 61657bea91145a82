import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * When the scheduler looks at a message next (issue #15): one narrow row per message still at work (queued, leased
 * to a send or a claim, waiting for a retry or a status poll), none once it has nothing due. Kept out of `messages`
 * because the claim's lease rewrites next_action_at on every claim: on this row that is a new entry in two small
 * indexes, on the message row it was a new entry in every list index of a partitioned table. Not partitioned: it
 * holds only the messages at work (a few seconds to a week of traffic), and the claim walks one index in time order
 * instead of merging one per month. No foreign key to the partitioned messages (a key there includes created_at):
 * every writer writes it in the statement that writes the message, retention deletes it with the message.
 */
@Entity('message_schedule')
export class MessageScheduleEntity {
  @PrimaryColumn({ name: 'message_id', type: 'uuid' }) messageId!: string;
  /** The message's partition key, so the claim reads each claimed message in its own partition by primary key. */
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Index() @Column({ name: 'next_action_at', type: 'timestamptz' }) nextActionAt!: Date;
}
