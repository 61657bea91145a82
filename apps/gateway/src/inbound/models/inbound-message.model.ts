import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_ENUM } from '../../openapi/api-enums.js';

@ObjectType('InboundMessage', { description: 'A message a customer sent to one of your connections' })
export class InboundMessageModel {
  @Field(() => ID) @ApiProperty({ format: 'uuid' }) id!: string;
  @Field({ description: 'The connection it arrived on (its name at the time)' })
  @ApiProperty({ example: 'wamessenger-demo' })
  connection!: string;
  @Field()
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
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ nullable: true, type: String }) text!:
    string | null;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ nullable: true, type: String }) fileUrl!:
    string | null;
  @Field({ description: "When the customer sent it (the provider's time when it gives one)" })
  @ApiProperty()
  receivedAt!: Date;
  @Field({ description: 'When the gateway stored it' }) @ApiProperty() createdAt!: Date;
}

@ObjectType('InboundMessageEdge')
export class InboundMessageEdgeModel {
  @Field({ description: 'Opaque; pass it as `after` to continue after this message' })
  @ApiProperty()
  cursor!: string;
  @Field(() => InboundMessageModel) @ApiProperty({ type: InboundMessageModel }) node!: InboundMessageModel;
}

@ObjectType('InboundMessagePageInfo')
export class InboundMessagePageInfoModel {
  @Field() @ApiProperty() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) @ApiPropertyOptional({ nullable: true, type: String }) endCursor!:
    string | null;
}

@ObjectType('InboundMessageConnection', { description: 'Newest first: (receivedAt desc, id desc)' })
export class InboundMessageConnectionModel {
  @Field(() => [InboundMessageEdgeModel])
  @ApiProperty({ type: [InboundMessageEdgeModel] })
  edges!: InboundMessageEdgeModel[];
  @Field(() => InboundMessagePageInfoModel)
  @ApiProperty({ type: InboundMessagePageInfoModel })
  pageInfo!: InboundMessagePageInfoModel;
}
