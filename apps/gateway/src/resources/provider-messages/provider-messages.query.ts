import { ArgsType, Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../common/page.query.js';
import { ProviderListArgs } from '../common/provider-list.args.js';

/** Query strings carry booleans as words. */
const booleanWord = ({ value }: { value: unknown }): unknown =>
  value === 'true' ? true : value === 'false' ? false : value;

@ArgsType()
export class ProviderMessagesQuery extends PageQuery {
  @Field({ nullable: true, description: 'Only the send queue (WaMessenger; Wessaal: status pending)' })
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(booleanWord)
  @IsBoolean()
  pendingOnly?: boolean;

  @Field({ nullable: true, description: "Filter by the provider's own status word (Wessaal)" })
  @ApiPropertyOptional({ example: 'delivered' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  providerStatus?: string;

  @Field({ nullable: true, description: "Filter by the provider's message type (Wessaal)" })
  @ApiPropertyOptional({ example: 'text' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  type?: string;
}

@ArgsType()
export class ProviderMessagesArgs extends ProviderListArgs {
  @Field({ nullable: true, description: 'Only the send queue (WaMessenger; Wessaal: status pending)' })
  @IsOptional()
  @IsBoolean()
  pendingOnly?: boolean;

  @Field({ nullable: true, description: "Filter by the provider's own status word (Wessaal)" })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  providerStatus?: string;

  @Field({ nullable: true, description: "Filter by the provider's message type (Wessaal)" })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  type?: string;
}
