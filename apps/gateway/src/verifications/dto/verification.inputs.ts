import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export const MIN_CODE_LENGTH = 4;
export const MAX_CODE_LENGTH = 8;
export const DEFAULT_CODE_LENGTH = 6;

@InputType({ description: 'A phone number to verify with a one-time code' })
export class StartVerificationInput {
  @Field({ description: 'The connection name' })
  @ApiProperty({ example: 'wessaal-demo' })
  @IsString()
  @MinLength(1)
  connection!: string;

  @Field({ description: 'E.164 recipient' })
  @ApiProperty({ example: '+966501234567' })
  @IsString()
  @Matches(/^\+[1-9]\d{5,14}$/, { message: 'to must be an E.164 number: + followed by 6 to 15 digits' })
  to!: string;

  @Field(() => Int, {
    nullable: true,
    description: `Digits in the code, ${MIN_CODE_LENGTH}–${MAX_CODE_LENGTH}`,
  })
  @ApiPropertyOptional({
    type: 'integer',
    minimum: MIN_CODE_LENGTH,
    maximum: MAX_CODE_LENGTH,
    default: DEFAULT_CODE_LENGTH,
  })
  @IsOptional()
  @IsInt()
  @Min(MIN_CODE_LENGTH)
  @Max(MAX_CODE_LENGTH)
  codeLength?: number;

  @Field({ nullable: true, description: 'Shown in the message: "<code> is your <brandName> code"' })
  @ApiPropertyOptional({ example: 'Acme' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  @Matches(/^[^\r\n]*$/, { message: 'brandName must be one line' })
  brandName?: string;
}

/** REST body of `POST /v1/verifications/{id}/check`. */
export class CheckVerificationBody {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(/^\d{4,8}$/, { message: 'code must be 4 to 8 digits' })
  code!: string;
}

@InputType({ description: 'A code the user typed, for a verification' })
export class CheckVerificationInput {
  @Field(() => ID, { description: 'The verification id startVerification answered' })
  @IsString()
  @MinLength(1)
  id!: string;

  @Field({ description: 'The code as the user typed it' })
  @IsString()
  @Matches(/^\d{4,8}$/, { message: 'code must be 4 to 8 digits' })
  code!: string;
}
