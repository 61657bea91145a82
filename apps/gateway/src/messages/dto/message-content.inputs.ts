import { Field, Float, InputType, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEnum,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { GraphQLJSONObject } from '../../common/graphql/json.scalar.js';
import { MessageButtonType } from './message-type.js';

/** Decoded media bytes accepted in one request (WhatsApp's own ceiling for video and audio). */
export const MAX_MEDIA_BYTES = 16 * 1024 * 1024;
/** Base64 length of MAX_MEDIA_BYTES. */
export const MAX_MEDIA_BASE64_CHARS = Math.ceil(MAX_MEDIA_BYTES / 3) * 4;
const HTTP_URL = { require_tld: false, protocols: ['http', 'https'], require_protocol: true };

@InputType('MessageMediaInput', {
  description: 'A file by public URL, or its bytes in base64 with a name and type',
})
export class MessageMediaInput {
  @Field({ nullable: true, description: 'Public http(s) URL (Wessaal, WaMessenger)' })
  @ApiPropertyOptional({ example: 'https://example.com/photo.jpg' })
  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(2048)
  url?: string;

  @Field({
    nullable: true,
    description: 'The bytes, base64 (Washeej/Wutt upload files); at most 16 MB decoded',
  })
  @ApiPropertyOptional({ description: 'At most 16 MB decoded' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_MEDIA_BASE64_CHARS, {
    message: `media.base64 must decode to at most ${MAX_MEDIA_BYTES} bytes`,
  })
  base64?: string;

  @Field({ nullable: true, description: 'Required with base64' })
  @ApiPropertyOptional({ example: 'invoice.pdf' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  filename?: string;

  @Field({ nullable: true, description: 'MIME type; required with base64' })
  @ApiPropertyOptional({ example: 'application/pdf' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  contentType?: string;
}

@InputType('MessageLocationInput')
export class MessageLocationInput {
  @Field(() => Float) @ApiProperty({ example: 24.7136 }) @IsLatitude() latitude!: number;
  @Field(() => Float) @ApiProperty({ example: 46.6753 }) @IsLongitude() longitude!: number;
  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) name?: string;
  @Field({ nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;
}

@InputType('MessageTemplateInput', {
  description: 'Give id or name: Washeej/Wutt and Wessaal take the numeric id, Watsal the slug',
})
export class MessageTemplateInput {
  @Field({ nullable: true })
  @ApiPropertyOptional({ example: '7' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  id?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'order_confirmed' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  name?: string;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Named variables (Watsal, Wessaal): string values',
  })
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { order_id: 'A-1' },
  })
  @IsOptional()
  @IsObject()
  variables?: Record<string, string>;

  @Field(() => [String], { nullable: true, description: 'Positional body variables (Washeej/Wutt)' })
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(1024, { each: true })
  bodyVariables?: string[];

  @Field(() => [String], { nullable: true, description: 'Positional header variables (Washeej/Wutt)' })
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(1024, { each: true })
  headerVariables?: string[];
}

@InputType('ContactCardInput')
export class ContactCardInput {
  @Field() @ApiProperty({ example: 'Sara Ali' }) @IsString() @IsNotEmpty() @MaxLength(255) fullName!: string;
  @Field()
  @ApiProperty({ example: '+966501112222' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  phoneNumber!: string;
  @Field({ nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  organization?: string;
  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) email?: string;
  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2048) url?: string;
}

@InputType('MessagePollInput')
export class MessagePollInput {
  @Field()
  @ApiProperty({ example: 'Which day suits you?' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  question!: string;

  @Field(() => [String])
  @ApiProperty({ type: [String], example: ['Sunday', 'Monday'] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(12)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  options!: string[];

  @Field(() => Int, { nullable: true })
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  selectableCount?: number;
}

@InputType('MessageButtonInput', {
  description: 'REPLY needs id, URL needs url, CALL needs phoneNumber, COPY needs copyCode',
})
export class MessageButtonInput {
  @Field(() => MessageButtonType)
  @ApiProperty({ enum: MessageButtonType, enumName: 'MessageButtonType' })
  @IsEnum(MessageButtonType)
  type!: MessageButtonType;

  @Field() @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(64) displayText!: string;
  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(256) id?: string;
  @Field({ nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(2048)
  url?: string;
  @Field({ nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phoneNumber?: string;
  @Field({ nullable: true })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  copyCode?: string;
}

@InputType('MessageButtonsInput', {
  description: 'Inline buttons (Wessaal: title required) or a dashboard CTA URL / list id (Washeej/Wutt)',
})
export class MessageButtonsInput {
  @Field() @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1024) body!: string;
  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) title?: string;
  @Field({ nullable: true }) @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) footer?: string;

  @Field(() => [MessageButtonInput], { nullable: true })
  @ApiPropertyOptional({ type: [MessageButtonInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => MessageButtonInput)
  buttons?: MessageButtonInput[];

  @Field(() => Int, { nullable: true })
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  ctaUrlId?: number;
  @Field(() => Int, { nullable: true })
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  interactiveListId?: number;
}
