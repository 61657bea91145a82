import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import type { Conversation } from '@app/providers';
import { NullableString, orNull, RawField } from '../common/fields.js';
import { ConnectionType } from '../../common/graphql/connection.types.js';
import { PageOf } from '../common/page.model.js';

@ObjectType('Conversation', { description: "A conversation in the provider's inbox" })
export class ConversationModel {
  @Field(() => ID, { description: "The provider's conversation id" })
  @ApiProperty({ example: '1' })
  id!: string;
  @NullableString("The provider's id of the contact in the conversation") contactId!: string | null;
  @NullableString("done, pending, important or unread; the provider's raw value when it is none of these")
  state!: string | null;
  @NullableString('When the last message was sent or received, as the provider reports it')
  lastMessageAt!: string | null;
  @RawField() raw!: unknown;
}

@ObjectType('ConversationPage')
export class ConversationPage extends PageOf(ConversationModel) {}

export const ConversationConnection = ConnectionType(ConversationModel, {
  name: 'Conversation',
  order: "in the provider's order",
  totalCount: true,
});

export function toConversationModel(conversation: Conversation): ConversationModel {
  return {
    id: conversation.id,
    contactId: orNull(conversation.contactId),
    state: orNull(conversation.state),
    lastMessageAt: orNull(conversation.lastMessageAt),
    raw: conversation.raw,
  };
}
