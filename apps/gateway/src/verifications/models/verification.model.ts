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

registerEnumType(VerificationStatus, {
  name: 'VerificationStatus',
  description: 'Where a verification stands',
  valuesMap: {
    PENDING: { description: 'The code was sent; checks are accepted until it expires' },
    VERIFIED: { description: 'A check gave the right code' },
    EXPIRED: { description: 'No right code before expiresAt' },
    FAILED: { description: 'Too many wrong codes, or the code could not be sent' },
  },
});
registerEnumType(VerificationMode, {
  name: 'VerificationMode',
  description: 'Who generates and checks the code',
  valuesMap: {
    NATIVE: { description: 'The provider generates, sends and checks the code (Watsal)' },
    GATEWAY: { description: 'The gateway generates the code, sends it as a text and checks its hash' },
  },
});
registerEnumType(VerificationFailureReason, {
  name: 'VerificationFailureReason',
  description: 'Why a check did not verify',
  valuesMap: {
    INVALID_CODE: { description: 'The code is wrong' },
    EXPIRED: { description: 'The verification expired' },
    TOO_MANY_ATTEMPTS: { description: 'No attempts are left' },
    NOT_FOUND: { description: 'No such verification, or not yours' },
    ALREADY_VERIFIED: { description: 'It was verified already' },
  },
});

@ObjectType('Verification', {
  description: 'A phone verification (OTP). The code itself is never returned, logged or stored in clear.',
})
export class VerificationModel {
  @Field(() => ID, { description: 'The verification id; checkVerification takes it' })
  @ApiProperty()
  id!: string;
  @Field({ description: 'The connection name' }) @ApiProperty({ example: 'watsal-demo' }) connection!: string;
  @Field({ description: 'The provider id of its connection' })
  @ApiProperty({ ...API_ENUM.providerId, example: 'watsal' })
  provider!: string;
  @Field({ description: 'The number being verified, E.164' })
  @ApiProperty({ example: '+966501234567' })
  to!: string;
  @Field(() => VerificationStatus, { description: 'Where the verification stands' })
  @ApiProperty({ enum: VerificationStatus, enumName: 'VerificationStatus' })
  status!: VerificationStatus;
  @Field(() => VerificationMode, { description: 'Who made and checks the code' })
  @ApiProperty({ enum: VerificationMode, enumName: 'VerificationMode' })
  mode!: VerificationMode;
  @Field({ description: 'After this the code no longer verifies' }) @ApiProperty() expiresAt!: Date;
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
  @Field({ description: 'When the verification started' })
  @ApiProperty()
  createdAt!: Date;
}

@ObjectType('VerificationResult', { description: 'The answer to one check of a code' })
export class VerificationResultModel {
  @Field({ description: 'True when the code was right' }) @ApiProperty() verified!: boolean;
  @Field(() => VerificationStatus, { description: 'The verification status after this check' })
  @ApiProperty({ enum: VerificationStatus, enumName: 'VerificationStatus' })
  status!: VerificationStatus;
  @Field(() => VerificationFailureReason, {
    nullable: true,
    description: 'Why it did not verify; null when verified',
  })
  @ApiPropertyOptional({
    nullable: true,
    enum: VerificationFailureReason,
    enumName: 'VerificationFailureReason',
  })
  reason!: VerificationFailureReason | null;
  @Field(() => Int, { description: 'Wrong codes still allowed' })
  @ApiProperty({ type: 'integer' })
  attemptsLeft!: number;
}
