import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import type { ConversationState } from '@app/providers';
import { PageQuery } from '../common/page.query.js';
import { ProviderListArgs } from '../common/provider-list.args.js';

export const CONVERSATION_STATES = [
  'done',
  'pending',
  'important',
  'unread',
] as const satisfies readonly ConversationState[];
const STATE_MESSAGE = `state must be one of ${CONVERSATION_STATES.join(', ')}`;

/** Conversation list filter: page, pageSize, search and state. */
@ArgsType()
export class ConversationQuery extends PageQuery {
  @Field(() => String, { nullable: true, description: CONVERSATION_STATES.join(', ') })
  @ApiPropertyOptional({ enum: CONVERSATION_STATES })
  @IsOptional()
  @IsIn(CONVERSATION_STATES, { message: STATE_MESSAGE })
  state?: ConversationState;
}

@ArgsType()
export class ConversationsArgs extends ProviderListArgs {
  @Field(() => String, { nullable: true, description: CONVERSATION_STATES.join(', ') })
  @IsOptional()
  @IsIn(CONVERSATION_STATES, { message: STATE_MESSAGE })
  state?: ConversationState;
}

/** REST body of PUT .../conversations/{id}/state. */
export class ConversationStateInput {
  @ApiProperty({ enum: CONVERSATION_STATES, description: 'Washeej/Wutt set done, pending or important only' })
  @IsIn(CONVERSATION_STATES, { message: STATE_MESSAGE })
  state!: ConversationState;
}

@ArgsType()
export class SetConversationStateArgs {
  @Field({ description: 'Connection name' }) @IsString() connection!: string;
  @Field(() => ID, { description: "The provider's conversation id" }) @IsString() id!: string;
  @Field(() => String, { description: CONVERSATION_STATES.join(', ') })
  @IsIn(CONVERSATION_STATES, { message: STATE_MESSAGE })
  state!: ConversationState;
}
