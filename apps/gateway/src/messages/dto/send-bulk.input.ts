import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { MessageMediaInput, MessageTemplateInput } from './message-content.inputs.js';
import { MessageType } from './message-type.js';
import { E164, E164_MESSAGE } from './send-message.input.js';

export const MAX_BULK_MESSAGES = 100;

/** One recipient of a bulk send: TEXT, a media type by URL, or TEMPLATE. */
@InputType('BulkMessageInput', { description: 'One recipient of a bulk send, with its own content' })
export class BulkMessageInput {
  @Field({ description: 'Recipient, E.164' })
  @ApiProperty({ example: '+966501234567' })
  @IsString()
  @Matches(E164, { message: `to ${E164_MESSAGE}` })
  to!: string;

  @Field(() => MessageType, {
    nullable: true,
    defaultValue: MessageType.TEXT,
    description: 'What the message carries (TEXT, media or TEMPLATE in a bulk send)',
  })
  @ApiPropertyOptional({ enum: MessageType, enumName: 'MessageType', default: MessageType.TEXT })
  @IsOptional()
  @IsEnum(MessageType)
  type?: MessageType;

  @Field({ nullable: true, description: 'TEXT: the message text' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  text?: string;

  @Field(() => MessageMediaInput, { nullable: true, description: 'By url only in a bulk send' })
  @ApiPropertyOptional({ type: MessageMediaInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => MessageMediaInput)
  media?: MessageMediaInput;

  @Field({ nullable: true, description: 'IMAGE, VIDEO, DOCUMENT: the text under the media' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  caption?: string;

  @Field(() => MessageTemplateInput, {
    nullable: true,
    description: 'TEMPLATE: the template and its variables',
  })
  @ApiPropertyOptional({ type: MessageTemplateInput })
  @IsOptional()
  @ValidateNested()
  @Type(() => MessageTemplateInput)
  template?: MessageTemplateInput;
}

/** Many messages in one provider call (Wessaal, WaMessenger); one stored message per recipient. */
@InputType('SendBulkInput', { description: 'Many messages through one connection in one provider call' })
export class SendBulkInput {
  @Field({ description: 'Connection name' })
  @ApiProperty({ example: 'wessaal-demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(63)
  connection!: string;

  @Field({ nullable: true, description: "Sender number or instance; the connection's default when absent" })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  from?: string;

  @Field({ nullable: true, description: 'Same key and same input within 24 h: the same messages, sent once' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  idempotencyKey?: string;

  @Field(() => [BulkMessageInput], { description: 'One entry per recipient, 1 to 100' })
  @ApiProperty({ type: [BulkMessageInput] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_MESSAGES)
  @ValidateNested({ each: true })
  @Type(() => BulkMessageInput)
  messages!: BulkMessageInput[];
}
