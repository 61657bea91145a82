import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import type { Contact } from '@app/providers';
import { ConnectionType } from '../../common/graphql/connection.types.js';
import { PageOf } from '../common/page.model.js';
import { NullableString, orNull, RawField } from '../common/fields.js';

@ObjectType('Contact', { description: "A contact in the provider's address book" })
export class ContactModel {
  @Field(() => ID, { description: "The provider's contact id" }) @ApiProperty({ example: '12' }) id!: string;
  @Field({ description: 'E.164' }) @ApiProperty({ example: '+966501234567' }) phone!: string;
  @NullableString('Full name as the provider shows it') name!: string | null;
  @NullableString('Given name') firstName!: string | null;
  @NullableString('Family name') lastName!: string | null;
  @NullableString('Email address, when the provider keeps one') email!: string | null;
  @NullableString('Free-text notes') notes!: string | null;
  @RawField() raw!: unknown;
}

@ObjectType('ContactPage')
export class ContactPage extends PageOf(ContactModel) {}

export const ContactConnection = ConnectionType(ContactModel, {
  name: 'Contact',
  order: "in the provider's order",
  totalCount: true,
});

@ObjectType('DeletedContact', { description: 'What deleteContact answers' })
export class DeletedContactModel {
  @Field(() => ID, { description: "The provider's id of the deleted contact" }) @ApiProperty() id!: string;
  @Field({ description: 'True once the provider deleted it' })
  @ApiProperty({ example: true })
  deleted!: boolean;
}

export function toContactModel(contact: Contact): ContactModel {
  return {
    id: contact.id,
    phone: contact.phone,
    name: orNull(contact.name),
    firstName: orNull(contact.firstName),
    lastName: orNull(contact.lastName),
    email: orNull(contact.email),
    notes: orNull(contact.notes),
    raw: contact.raw,
  };
}
