import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PLANS, PROVIDER_IDS, type Plan, type ProviderId } from '../core/account.js';
import { FAULT_KINDS, type FaultKind } from '../core/faults.js';

/**
 * An account setting may be left out (unchanged), never `null`: no setting has a meaning for "none" that `null` would
 * carry (an empty list, 0 or a plan say it), so `null` is a 400 naming the field rather than a value stored as is.
 */
function OmitOrSet(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    IsDefined({ message: '$property must not be null (leave it out to keep the current value)' }),
  );
}

export class DelaysDto {
  @ApiPropertyOptional() @OmitOrSet() @IsInt() @Min(0) @Max(86_400_000) sentMs?: number;
  @ApiPropertyOptional() @OmitOrSet() @IsInt() @Min(0) @Max(86_400_000) deliveredMs?: number;
  @ApiPropertyOptional() @OmitOrSet() @IsInt() @Min(0) @Max(86_400_000) readMs?: number;
}

export class AccountPatchDto {
  @ApiPropertyOptional({ type: [String], description: 'Washeej/Wutt IP whitelist' })
  @OmitOrSet()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  ipWhitelist?: string[];

  @ApiPropertyOptional({ description: 'Wessaal WhatsApp pocket balance' })
  @OmitOrSet()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  credits?: number;

  @ApiPropertyOptional({ type: [String], description: 'Wessaal key scopes' })
  @OmitOrSet()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  scopes?: string[];

  @ApiPropertyOptional({ enum: PLANS })
  @OmitOrSet()
  @IsIn(PLANS)
  plan?: Plan;

  @ApiPropertyOptional({ description: 'Requests per minute before 429; 0 = unlimited' })
  @OmitOrSet()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  rateLimitPerMinute?: number;

  @ApiPropertyOptional({ type: DelaysDto, description: 'Lifecycle delays in simulator ms' })
  @OmitOrSet()
  @ValidateNested()
  @Type(() => DelaysDto)
  delays?: DelaysDto;
}

export class CreateAccountDto extends AccountPatchDto {
  @ApiProperty({ enum: PROVIDER_IDS })
  @IsIn(PROVIDER_IDS)
  provider!: ProviderId;
}

export class FaultDto {
  @ApiProperty({ enum: PROVIDER_IDS }) @IsIn(PROVIDER_IDS) provider!: ProviderId;
  @ApiProperty({ enum: FAULT_KINDS }) @IsIn(FAULT_KINDS) kind!: FaultKind;
  @ApiPropertyOptional({ example: 'POST' })
  @IsOptional()
  @IsIn(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'get', 'post', 'put', 'patch', 'delete'])
  method?: string;
  @ApiPropertyOptional({ example: '/integration/v1/messages/*' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  path?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(100) @Max(599) status?: number;
  @ApiPropertyOptional({ description: 'Body to answer with (JSON, or a string sent as text/plain)' })
  @IsOptional()
  body?: unknown;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(600_000) delayMs?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) times?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) probability?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(4_294_967_295) seed?: number;
}

export class AdvanceClockDto {
  @ApiProperty({ example: 60000 }) @IsInt() @Min(0) @Max(365 * 24 * 3_600_000) ms!: number;
}

export class InboundDto {
  @ApiProperty({ enum: PROVIDER_IDS }) @IsIn(PROVIDER_IDS) provider!: ProviderId;
  @ApiPropertyOptional({ description: "Account id; the provider's demo account when absent" })
  @IsOptional()
  @IsString()
  account?: string;
  @ApiProperty({ example: '+966501234567' }) @IsString() @IsNotEmpty() @MaxLength(32) from!: string;
  @ApiProperty({ example: 'Hello!' }) @IsString() @MaxLength(10_000) text!: string;
}

export class RequestsQueryDto {
  @ApiPropertyOptional({ enum: PROVIDER_IDS }) @IsOptional() @IsIn(PROVIDER_IDS) provider?: ProviderId;
  @ApiPropertyOptional() @IsOptional() @IsString() account?: string;
  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  limit?: number;
}

export class MessagesQueryDto {
  @ApiPropertyOptional({ enum: PROVIDER_IDS }) @IsOptional() @IsIn(PROVIDER_IDS) provider?: ProviderId;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() account?: string;
}

export class ProviderQueryDto {
  @ApiPropertyOptional({ enum: PROVIDER_IDS }) @IsOptional() @IsIn(PROVIDER_IDS) provider?: ProviderId;
}

export class ResetQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() account?: string;
}
