import { applyDecorators } from '@nestjs/common';
import { Field, InputType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsPhoneNumber, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const E164 = /^\+[1-9]\d{5,14}$/;
const E164_MESSAGE = 'phone must be E.164: + followed by 6 to 15 digits';

/** An optional, non-empty string of at most `max` characters. */
const text = (max: number, description: string, example?: string): PropertyDecorator =>
  applyDecorators(
    Field(() => String, { nullable: true, description }),
    ApiPropertyOptional({ maxLength: max, example, description }),
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
@InputType('ContactInput', {
  description: 'The fields of a contact to create or change; absent fields stay as they are',
})
export class ContactInput {
  @Field({ nullable: true, description: 'E.164' })
  @ApiPropertyOptional({ example: '+966501234567' })
  @IsOptional()
  @IsString()
  @Matches(E164, { message: E164_MESSAGE })
  @IsPhoneNumber(undefined, { message: 'phone is not a valid phone number' })
  phone?: string;

  @text(100, 'Given name', 'Ahmed') firstName?: string;
  @text(100, 'Family name', 'Ali') lastName?: string;
  @text(200, 'Full name (split into first and last name where the provider wants both)', 'Ahmed Ali')
  name?: string;

  @Field({ nullable: true, description: 'Email address' })
  @ApiPropertyOptional({ example: 'ahmed@example.com' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @text(2000, 'Free-text notes') notes?: string;
  @text(255, 'City') city?: string;
  @text(255, 'State or region') state?: string;
  @text(255, 'Postal code') postCode?: string;
  @text(255, 'Street address') address?: string;
}
