import { ArgsType, Field, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { GatewayErrorCode } from '../errors/error-codes.js';
import { GatewayError } from '../errors/gateway-error.js';

/** Page size caps of every GraphQL list: at most MAX_PAGE_SIZE items per request, DEFAULT_PAGE_SIZE when unsaid. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** first/after, last/before: the Relay connection arguments of every list. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `The first n items (after \`after\`), 1–${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when neither first nor last is given`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number;

  @Field({ nullable: true, description: 'A cursor (edges.cursor, pageInfo.endCursor): items after it' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string;

  @Field(() => Int, {
    nullable: true,
    description: `The last n items (before \`before\`), 1–${MAX_PAGE_SIZE}`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  last?: number;

  @Field({ nullable: true, description: 'A cursor (edges.cursor, pageInfo.startCursor): items before it' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  before?: string;
}

/** Which slice of an ordered list a request asks for. */
export interface ConnectionWindow {
  /** forward: the first `size` items after `after`; backward: the last `size` items before `before`. */
  direction: 'forward' | 'backward';
  size: number;
  after?: string;
  before?: string;
}

/** The window of a request: first or last (not both, as the Relay spec advises), DEFAULT_PAGE_SIZE forward. */
export function connectionWindow(args: Partial<ConnectionArgs>): ConnectionWindow {
  const { first, last } = args;
  const after = args.after ?? undefined;
  const before = args.before ?? undefined;
  if (first != null && last != null) {
    throw new GatewayError(GatewayErrorCode.BAD_USER_INPUT, 'give first or last, not both', {
      fields: { first: ['give first or last, not both'], last: ['give first or last, not both'] },
    });
  }
  if (last != null) return { direction: 'backward', size: last, after, before };
  return { direction: 'forward', size: first ?? DEFAULT_PAGE_SIZE, after, before };
}

/** An opaque cursor: base64url JSON of a tag (what list it belongs to) and its values. */
export function encodeCursor(tag: string, values: unknown[]): string {
  return Buffer.from(JSON.stringify([tag, ...values])).toString('base64url');
}

/** The values of a cursor with this tag, or BAD_USER_INPUT naming the argument when this API did not hand it out. */
export function decodeCursor(value: string, tag: string, field: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed[0] !== tag)
    throw GatewayError.badInput(field, 'not a cursor of this list');
  return parsed.slice(1) as unknown[];
}
