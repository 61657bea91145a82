import { applyDecorators } from '@nestjs/common';
import { Field, InputType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsPhoneNumber, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const E164 = /^\+[1-9]\d{5,14}$/;
const E164_MESSAGE = 'phone must be E.164: + followed by 6 to 15 digits';

/** An optional, non-empty string of at most `max` characters. */
const text = (max: number, example?: string): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: true }),
    ApiPropertyOptional({ maxLength: max, example }),
    IsOptional(),
    IsString(),
    MinLength(1),
    MaxLength(max),
  );

/**
 * The unified contact fields. Each provider stores a subset and refuses (VALIDATION_FAILED, naming the field) what
 * it cannot keep: Washeej/Wutt have no email or notes, Wessaal no name parts or address. On create, `phone` is
 * required; on update, only the fields given change.
 */
@InputType('ContactInput')
export class ContactInput {
  @Field({ nullable: true, description: 'E.164' })
  @ApiPropertyOptional({ example: '+966501234567' })
  @IsOptional()
  @IsString()
  @Matches(E164, { message: E164_MESSAGE })
  @IsPhoneNumber(undefined, { message: 'phone is not a valid phone number' })
  phone?: string;

  @text(100, 'Ahmed') firstName?: string;
  @text(100, 'Ali') lastName?: string;
  @text(200, 'Ahmed Ali') name?: string;

  @Field({ nullable: true })
  @ApiPropertyOptional({ example: 'ahmed@example.com' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @text(2000) notes?: string;
  @text(255) city?: string;
  @text(255) state?: string;
  @text(255) postCode?: string;
  @text(255) address?: string;
}
