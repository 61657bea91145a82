import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_ENUM } from '../../openapi/api-enums.js';

export enum VerificationStatus {
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  EXPIRED = 'EXPIRED',
  FAILED = 'FAILED',
}

export enum VerificationMode {
  /** The provider generates, sends and checks the code (Watsal). */
  NATIVE = 'NATIVE',
  /** The gateway generates the code, sends it as a text and checks its hash. */
  GATEWAY = 'GATEWAY',
}

export enum VerificationFailureReason {
  INVALID_CODE = 'INVALID_CODE',
  EXPIRED = 'EXPIRED',
  TOO_MANY_ATTEMPTS = 'TOO_MANY_ATTEMPTS',
  NOT_FOUND = 'NOT_FOUND',
  ALREADY_VERIFIED = 'ALREADY_VERIFIED',
}

registerEnumType(VerificationStatus, { name: 'VerificationStatus' });
registerEnumType(VerificationMode, { name: 'VerificationMode' });
registerEnumType(VerificationFailureReason, {
  name: 'VerificationFailureReason',
  description: 'Why a check did not verify',
});

@ObjectType('Verification', {
  description: 'A phone verification (OTP). The code itself is never returned, logged or stored in clear.',
})
export class VerificationModel {
  @Field(() => ID) @ApiProperty() id!: string;
  @Field({ description: 'The connection name' }) @ApiProperty({ example: 'watsal-demo' }) connection!: string;
  @Field()
  @ApiProperty({ ...API_ENUM.providerId, example: 'watsal' })
  provider!: string;
  @Field() @ApiProperty({ example: '+966501234567' }) to!: string;
  @Field(() => VerificationStatus)
  @ApiProperty({ enum: VerificationStatus, enumName: 'VerificationStatus' })
  status!: VerificationStatus;
  @Field(() => VerificationMode)
  @ApiProperty({ enum: VerificationMode, enumName: 'VerificationMode' })
  mode!: VerificationMode;
  @Field() @ApiProperty() expiresAt!: Date;
  @Field(() => Int, { description: 'Wrong codes still allowed before the verification fails' })
  @ApiProperty({ type: 'integer' })
  attemptsLeft!: number;
  @Field(() => ID, { nullable: true, description: 'Gateway mode: the message that carried the code' })
  @ApiPropertyOptional({ nullable: true, type: String })
  messageId!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "Native mode: the provider's request id (Watsal's request_id); on the simulator, GET /__admin/otp/{id} shows the code sent",
  })
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      "Native mode: the provider's request id (Watsal's request_id); on the simulator, GET /__admin/otp/{id} shows the code sent",
  })
  providerRequestId!: string | null;
  @Field() @ApiProperty() createdAt!: Date;
}

@ObjectType('VerificationResult', { description: 'The answer to one check of a code' })
export class VerificationResultModel {
  @Field() @ApiProperty() verified!: boolean;
  @Field(() => VerificationStatus)
  @ApiProperty({ enum: VerificationStatus, enumName: 'VerificationStatus' })
  status!: VerificationStatus;
  @Field(() => VerificationFailureReason, { nullable: true })
  @ApiPropertyOptional({
    nullable: true,
    enum: VerificationFailureReason,
    enumName: 'VerificationFailureReason',
  })
  reason!: VerificationFailureReason | null;
  @Field(() => Int)
  @ApiProperty({ type: 'integer' })
  attemptsLeft!: number;
}
