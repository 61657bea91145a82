import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  ContactCardInput,
  MessageButtonsInput,
  MessageLocationInput,
  MessageMediaInput,
  MessagePollInput,
  MessageTemplateInput,
} from './message-content.inputs.js';
import { MessageType } from './message-type.js';

export const E164 = /^\+\d{6,15}$/;
export const E164_MESSAGE = 'must be E.164: + followed by 6 to 15 digits';

/**
 * One message through one connection or along one route (GraphQL input and REST body). `type` defaults to TEXT; each type reads its
 * own field: text (+ linkPreview), media (+ caption) for IMAGE/VIDEO/DOCUMENT/AUDIO, location, template, contacts,
 * poll, buttons. A field that belongs to another type is refused, naming it.
 */
@InputType('SendMessageInput', {
  description: 'One message to send: the recipient, the connection, and the content its type needs',
})
export class SendMessageInput {
  @Field({ nullable: true, description: 'Connection name; exactly one of connection and route' })
  @ApiPropertyOptional({
    example: 'wessaal-demo',
    description: 'Connection name; exactly one of connection and route',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(63)
  connection?: string;

  @Field({
    nullable: true,
    description:
      'Route name instead of a connection: the first of its connections that has the capability and is available, the next one after a transient failure',
  })
  @ApiPropertyOptional({
    example: 'otp',
    description:
      'Route name instead of a connection: the first of its connections that has the capability and is available, the next one after a transient failure',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(63)
  route?: string;

  @Field({ description: 'Recipient, E.164' })
  @ApiProperty({ example: '+966501234567' })
  @IsString()
  @Matches(E164, { message: `to ${E164_MESSAGE}` })
  to!: string;

  @Field({
    nullable: true,
    description: "Sender: Washeej/Wutt number (E.164), Wessaal instance; default: the connection's",
  })
  @ApiPropertyOptional({ example: 'my-instance' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  from?: string;

  @Field(() => MessageType, {
    nullable: true,
    defaultValue: MessageType.TEXT,
    description: 'What the message carries; the field of the same name holds the content',
  })
  @ApiPropertyOptional({ enum: MessageType, enumName: 'MessageType', default: MessageType.TEXT })
  @IsOptional()
  @IsEnum(MessageType)
  type?: MessageType;

  @Field({ nullable: true, description: 'Same key and same input within 24 h: the same message, sent once' })
  @ApiPropertyOptional({ example: 'order-1234-confirmation' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  idempotencyKey?: string;

  @Field({ nullable: true, description: 'TEXT' })
  @ApiPropertyOptional({ example: 'Hello from the gateway' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  text?: string;

  @Field({ nullable: true, description: 'TEXT (Wessaal)' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  linkPreview?: boolean;

  @Field(() => MessageMediaInput, { nullable: true, description: 'IMAGE, VIDEO, DOCUMENT, AUDIO' })
  @ApiPropertyOptional({ type: MessageMediaInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => MessageMediaInput)
  media?: MessageMediaInput;

  @Field({ nullable: true, description: 'IMAGE, VIDEO, DOCUMENT, AUDIO' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  caption?: string;

  @Field(() => MessageLocationInput, { nullable: true, description: 'LOCATION' })
  @ApiPropertyOptional({ type: MessageLocationInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => MessageLocationInput)
  location?: MessageLocationInput;

  @Field(() => MessageTemplateInput, { nullable: true, description: 'TEMPLATE' })
  @ApiPropertyOptional({ type: MessageTemplateInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => MessageTemplateInput)
  template?: MessageTemplateInput;

  @Field(() => [ContactCardInput], { nullable: true, description: 'CONTACT_CARD' })
  @ApiPropertyOptional({ type: [ContactCardInput] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ContactCardInput)
  contacts?: ContactCardInput[];

  @Field(() => MessagePollInput, { nullable: true, description: 'POLL' })
  @ApiPropertyOptional({ type: MessagePollInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => MessagePollInput)
  poll?: MessagePollInput;

  @Field(() => MessageButtonsInput, { nullable: true, description: 'BUTTONS' })
  @ApiPropertyOptional({ type: MessageButtonsInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => MessageButtonsInput)
  buttons?: MessageButtonsInput;
}
