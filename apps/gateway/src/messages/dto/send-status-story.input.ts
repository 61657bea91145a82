import { Field, InputType, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { StatusStoryKind } from './message-type.js';
import { E164, E164_MESSAGE } from './send-message.input.js';

/** A WhatsApp status (story) posted from the connection's account (Wessaal). */
@InputType('SendStatusStoryInput', { description: 'A WhatsApp status (story) to post' })
export class SendStatusStoryInput {
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

  @Field(() => StatusStoryKind, {
    nullable: true,
    defaultValue: StatusStoryKind.TEXT,
    description: 'TEXT, IMAGE, VIDEO or AUDIO',
  })
  @ApiPropertyOptional({ enum: StatusStoryKind, enumName: 'StatusStoryKind', default: StatusStoryKind.TEXT })
  @IsOptional()
  @IsEnum(StatusStoryKind)
  kind?: StatusStoryKind;

  @Field({ description: 'The text, or the public URL of the image, video or audio' })
  @ApiProperty({ example: 'We are open on Friday!' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4096)
  content!: string;

  @Field({ nullable: true, description: 'IMAGE, VIDEO: the text under the media' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1024)
  caption?: string;

  @Field({ nullable: true, description: 'Text stories: #RRGGBB' })
  @ApiPropertyOptional({ example: '#1e88e5' })
  @IsOptional()
  @Matches(/^#[0-9a-fA-F]{6}$/, { message: 'backgroundColor must be #RRGGBB' })
  backgroundColor?: string;

  @Field(() => Int, { nullable: true, description: 'Text stories: the font number the provider offers' })
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  font?: number;

  @Field(() => [String], { nullable: true, description: 'Recipients (E.164); all contacts when absent' })
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @Matches(E164, { each: true, message: `each audience entry ${E164_MESSAGE}` })
  audience?: string[];

  @Field({ nullable: true, description: 'Same key and same input within 24 h: the same story, posted once' })
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  idempotencyKey?: string;
}
