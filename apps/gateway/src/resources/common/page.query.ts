import { ArgsType, Field, Int } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

/** page / pageSize / search: GraphQL arguments and REST query parameters (query strings are converted). */
@ArgsType()
export class PageQuery {
  @Field(() => Int, { nullable: true, description: 'From 1' })
  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @Field(() => Int, {
    nullable: true,
    description: `1 to ${MAX_PAGE_SIZE}; the provider's default when absent`,
  })
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, example: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;

  @Field({
    nullable: true,
    description: "The provider's own search (name or phone digits), where it has one",
  })
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}

/** The same, plus the connection, for GraphQL queries (REST names the connection in the path). */
@ArgsType()
export class ConnectionPageArgs extends PageQuery {
  @Field({ description: 'Connection name' }) @IsString() connection!: string;
}
