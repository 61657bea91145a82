import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { attemptsOf } from './attempt-log.js';
import { carriedByOf, MessageAttemptModel, toAttemptModel } from './models/message-attempt.model.js';
import { MessageModel } from './models/message.model.js';

/**
 * `Message.attemptHistory` and `carriedBy` where the model was built without them (the status-change subscription
 * publishes models built from the send's own statement): read from message_attempts then.
 */
@Resolver(() => MessageModel)
export class MessageAttemptsResolver {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @ResolveField(() => [MessageAttemptModel], {
    description: 'Every send attempt, oldest first: connection, provider, outcome, times',
  })
  async attemptHistory(@Parent() message: MessageModel): Promise<MessageAttemptModel[]> {
    if (message.attemptHistory) return message.attemptHistory;
    return ((await attemptsOf(this.dataSource, [message.id])).get(message.id) ?? []).map(toAttemptModel);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      'The connection that carried the message (its attempt was accepted or adopted); null until one did. `connection` is the one of the latest attempt',
  })
  async carriedBy(@Parent() message: MessageModel): Promise<string | null> {
    if (message.carriedBy !== undefined) return message.carriedBy;
    return carriedByOf((await attemptsOf(this.dataSource, [message.id])).get(message.id) ?? []);
  }
}
