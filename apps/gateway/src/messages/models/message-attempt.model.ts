import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { GatewayErrorCode } from '../../common/errors/error-codes.js';
import { asErrorCode, ErrorCode } from '../../common/graphql/error-code.enum.js';
import type { MessageAttemptEntity } from '../../database/entities/message-attempt.entity.js';
import { API_ENUM } from '../../openapi/api-enums.js';

/** What became of one send attempt (the column keeps the lower-case word). */
export enum AttemptOutcome {
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  TRANSIENT = 'TRANSIENT',
  ADOPTED = 'ADOPTED',
  LOST = 'LOST',
}

registerEnumType(AttemptOutcome, {
  name: 'AttemptOutcome',
  description: 'What became of one send attempt',
  valuesMap: {
    ACCEPTED: { description: 'The provider accepted the message' },
    REJECTED: {
      description: 'The provider refused it for good (no failover: the content or recipient is the problem)',
    },
    TRANSIENT: {
      description: 'A failure worth trying again: later, or at once on the next connection of the route',
    },
    ADOPTED: {
      description:
        'The gateway died before recording the answer; the provider, asked afterwards, had the message: adopted, not sent again',
    },
    LOST: {
      description:
        'The gateway died before recording the answer and the message was sent again (possibleDuplicate when the provider could not tell whether this attempt arrived)',
    },
  },
});

@ObjectType('MessageAttempt', {
  description: 'One send attempt of a message: where it went and what became of it',
})
export class MessageAttemptModel {
  @Field(() => Int, { description: '1 for the first attempt' })
  @ApiProperty({ type: 'integer', example: 1 })
  number!: number;
  @Field({ description: 'The connection the attempt went through' })
  @ApiProperty({ example: 'watsal-demo' })
  connection!: string;
  @Field({ description: 'The provider id of that connection' })
  @ApiProperty({ ...API_ENUM.providerId, example: 'watsal' })
  provider!: string;
  @Field(() => AttemptOutcome, { nullable: true, description: 'null while the attempt is in flight' })
  @ApiPropertyOptional({ enum: AttemptOutcome, enumName: 'AttemptOutcome', nullable: true })
  outcome!: AttemptOutcome | null;
  @Field(() => ErrorCode, { nullable: true, description: 'Why it failed (REJECTED, TRANSIENT)' })
  @ApiPropertyOptional({ ...API_ENUM.errorCode, nullable: true })
  errorCode!: GatewayErrorCode | null;
  @Field({ description: 'When the attempt started (before the provider call)' })
  @ApiProperty()
  startedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When its outcome was recorded' })
  @ApiPropertyOptional({ nullable: true, type: Date })
  finishedAt!: Date | null;
}

export function toAttemptModel(attempt: MessageAttemptEntity): MessageAttemptModel {
  return {
    number: attempt.number,
    connection: attempt.connectionName,
    provider: attempt.provider,
    outcome: attempt.outcome ? (attempt.outcome.toUpperCase() as AttemptOutcome) : null,
    errorCode: attempt.errorCode ? asErrorCode(attempt.errorCode) : null,
    startedAt: attempt.startedAt,
    finishedAt: attempt.finishedAt,
  };
}

/** The connection that carried the message: the one whose attempt was accepted or adopted; null until then. */
export function carriedByOf(attempts: MessageAttemptEntity[]): string | null {
  const carried = attempts.find((a) => a.outcome === 'accepted' || a.outcome === 'adopted');
  return carried?.connectionName ?? null;
}
