import { Field, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Availability } from '../dispatch/connection-health.js';

/** The most a limit can say: beyond this a limit is no limit on this gateway (it does not send that fast). */
const MAX_PER_SECOND = 10_000;
const MAX_PER_MINUTE = 600_000;

@InputType('RateLimitInput', {
  description:
    'Sends allowed through a connection, enforced across every gateway process: turns are spaced evenly (50/s = one every 20 ms); with both, the stricter spacing wins. Give at least one.',
})
export class RateLimitInput {
  @Field(() => Int, { nullable: true, description: 'Sends per second (1–10,000)' })
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PER_SECOND, example: 20 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PER_SECOND)
  perSecond?: number;

  @Field(() => Int, { nullable: true, description: 'Sends per minute (1–600,000)' })
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PER_MINUTE, example: 600 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PER_MINUTE)
  perMinute?: number;
}

@ObjectType('RateLimit', { description: "A connection's rate limit (see RateLimitInput)" })
export class RateLimitModel {
  @Field(() => Int, { nullable: true, description: 'Sends per second' })
  @ApiPropertyOptional({ nullable: true, type: Number })
  perSecond!: number | null;

  @Field(() => Int, { nullable: true, description: 'Sends per minute' })
  @ApiPropertyOptional({ nullable: true, type: Number })
  perMinute!: number | null;
}

registerEnumType(Availability, {
  name: 'ConnectionAvailability',
  description: 'Whether sends through a connection go now',
  valuesMap: {
    AVAILABLE: { description: 'Sends go' },
    PAUSED: { description: 'The provider answered 429/503 with Retry-After: sends wait until pausedUntil' },
    UNAVAILABLE: {
      description: 'The circuit breaker is open after consecutive transient failures, until unavailableUntil',
    },
    PROBING: {
      description:
        'The cooldown is over: one send probes the provider; its answer closes or reopens the breaker',
    },
  },
});
