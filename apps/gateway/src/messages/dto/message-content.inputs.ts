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

@InputType('MessageLocationInput', { description: 'A map location to send' })
export class MessageLocationInput {
  @Field(() => Float, { description: 'Latitude in degrees, -90 to 90' })
  @ApiProperty({ example: 24.7136 })
  @IsLatitude()
  latitude!: number;
  @Field(() => Float, { description: 'Longitude in degrees, -180 to 180' })
  @ApiProperty({ example: 46.6753 })
  @IsLongitude()
  longitude!: number;
  @Field({ nullable: true, description: 'Place name shown with the pin' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name?: string;
  @Field({ nullable: true, description: 'Street address shown under the pin' })
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
  @Field({ nullable: true, description: "The provider's template id (Washeej/Wutt, Wessaal)" })
  @ApiPropertyOptional({ example: '7' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  id?: string;

  @Field({ nullable: true, description: 'The template name or slug (Watsal)' })
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

@InputType('ContactCardInput', { description: 'A contact card (vCard) to send' })
export class ContactCardInput {
  @Field({ description: 'Name on the card' })
  @ApiProperty({ example: 'Sara Ali' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  fullName!: string;
  @Field({ description: 'Phone number on the card, E.164' })
  @ApiProperty({ example: '+966501112222' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  phoneNumber!: string;
  @Field({ nullable: true, description: 'Company on the card' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  organization?: string;
  @Field({ nullable: true, description: 'Email on the card' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  email?: string;
  @Field({ nullable: true, description: 'Web address on the card' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;
}

@InputType('MessagePollInput', { description: 'A poll to send' })
export class MessagePollInput {
  @Field({ description: 'The poll question' })
  @ApiProperty({ example: 'Which day suits you?' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  question!: string;

  @Field(() => [String], { description: 'The answers to choose from' })
  @ApiProperty({ type: [String], example: ['Sunday', 'Monday'] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(12)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  options!: string[];

  @Field(() => Int, { nullable: true, description: 'How many answers one person may pick; 1 when absent' })
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
  @Field(() => MessageButtonType, { description: 'What the button does' })
  @ApiProperty({ enum: MessageButtonType, enumName: 'MessageButtonType' })
  @IsEnum(MessageButtonType)
  type!: MessageButtonType;

  @Field({ description: 'The button label' })
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  displayText!: string;
  @Field({ nullable: true, description: 'REPLY: the id sent back when the user taps the button' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(256)
  id?: string;
  @Field({ nullable: true, description: 'URL: the link to open' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(2048)
  url?: string;
  @Field({ nullable: true, description: 'CALL: the number to call, E.164' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phoneNumber?: string;
  @Field({ nullable: true, description: 'COPY: the code copied to the clipboard' })
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
  @Field({ description: 'The message text above the buttons' })
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  body!: string;
  @Field({ nullable: true, description: 'Header text (Wessaal: required)' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  title?: string;
  @Field({ nullable: true, description: 'Small text under the message' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(255)
  footer?: string;

  @Field(() => [MessageButtonInput], { nullable: true, description: 'Inline buttons (Wessaal)' })
  @ApiPropertyOptional({ type: [MessageButtonInput] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => MessageButtonInput)
  buttons?: MessageButtonInput[];

  @Field(() => Int, {
    nullable: true,
    description: 'A call-to-action URL defined in the provider dashboard (Washeej/Wutt)',
  })
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  ctaUrlId?: number;
  @Field(() => Int, {
    nullable: true,
    description: 'An interactive list defined in the provider dashboard (Washeej/Wutt)',
  })
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(1)
  interactiveListId?: number;
}
