import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '../../common/graphql/connection.types.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_ENUM } from '../../openapi/api-enums.js';

@ObjectType('InboundMessage', { description: 'A message a customer sent to one of your connections' })
export class InboundMessageModel {
  @Field(() => ID, { description: 'The gateway id of the inbound message' })
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @Field({ description: 'The connection it arrived on (its name at the time)' })
  @ApiProperty({ example: 'wamessenger-demo' })
  connection!: string;
  @Field({ description: 'The provider id it came through' })
  @ApiProperty({ ...API_ENUM.providerId, example: 'wamessenger' })
  provider!: string;
  @Field({ description: "The provider's id of the message; each is stored once per connection" })
  @ApiProperty({ example: '1001' })
  providerMessageId!: string;
  @Field({ description: 'The customer, E.164' }) @ApiProperty({ example: '+989121234567' }) from!: string;
  @Field(() => String, { nullable: true, description: 'Your number it was sent to, E.164' })
  @ApiPropertyOptional({ nullable: true, type: String, example: '+989121234568' })
  to!: string | null;
  @Field({ description: '`text` or `file`' }) @ApiProperty({ enum: ['text', 'file'] }) kind!: string;
  @Field(() => String, { nullable: true, description: 'The text (kind `text`), or the caption of a file' })
  @ApiPropertyOptional({ nullable: true, type: String })
  text!: string | null;
  @Field(() => String, { nullable: true, description: 'Where the file can be fetched (kind `file`)' })
  @ApiPropertyOptional({ nullable: true, type: String })
  fileUrl!: string | null;
  @Field({ description: "When the customer sent it (the provider's time when it gives one)" })
  @ApiProperty()
  receivedAt!: Date;
  @Field({ description: 'When the gateway stored it' }) @ApiProperty() createdAt!: Date;
}

/** REST's edge (GraphQL has InboundMessageConnection's edges). */
export class InboundMessageEdgeModel {
  @ApiProperty({ description: 'Opaque; pass it as `after` to continue after this message' })
  cursor!: string;
  @ApiProperty({ type: InboundMessageModel }) node!: InboundMessageModel;
}

export class InboundMessagePageInfoModel {
  @ApiProperty() hasNextPage!: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) endCursor!: string | null;
}

/** REST's page of inbound messages, newest first: (receivedAt desc, id desc). */
export class InboundMessageConnectionModel {
  @ApiProperty({ type: [InboundMessageEdgeModel] }) edges!: InboundMessageEdgeModel[];
  @ApiProperty({ type: InboundMessagePageInfoModel }) pageInfo!: InboundMessagePageInfoModel;
}

/** GraphQL's Relay connection of inbound messages. */
export const InboundMessageConnection = ConnectionType(InboundMessageModel, {
  name: 'InboundMessage',
  order: 'newest first: (receivedAt desc, id desc)',
});
