import { applyDecorators } from '@nestjs/common';
import { Field } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { GraphQLJSON } from '../../common/graphql/json.scalar.js';

const RAW = "The provider's own record, as it sent it (for debugging; its shape is the provider's)";

/** `raw: JSON` on GraphQL and a free-form property on REST. */
export function RawField(): PropertyDecorator {
  return applyDecorators(
    Field(() => GraphQLJSON, { nullable: true, description: RAW }),
    ApiPropertyOptional({ description: RAW, nullable: true }),
  );
}

/** A string that may be null, on both APIs. */
export function NullableString(description?: string): PropertyDecorator {
  return applyDecorators(
    Field(() => String, { nullable: true, description }),
    ApiPropertyOptional({ nullable: true, type: String, description }),
  );
}

/** `undefined` → `null`, for the optional fields of the unified models. */
export const orNull = <T>(value: T | undefined): T | null => (value === undefined ? null : value);
