import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import type { Contact } from '@app/providers';
import { ConnectionType } from '../../common/graphql/connection.types.js';
import { PageOf } from '../common/page.model.js';
import { NullableString, orNull, RawField } from '../common/fields.js';

@ObjectType('Contact', { description: "A contact in the provider's address book" })
export class ContactModel {
  @Field(() => ID) @ApiProperty({ example: '12' }) id!: string;
  @Field({ description: 'E.164' }) @ApiProperty({ example: '+966501234567' }) phone!: string;
  @NullableString() name!: string | null;
  @NullableString() firstName!: string | null;
  @NullableString() lastName!: string | null;
  @NullableString() email!: string | null;
  @NullableString() notes!: string | null;
  @RawField() raw!: unknown;
}

@ObjectType('ContactPage')
export class ContactPage extends PageOf(ContactModel) {}

export const ContactConnection = ConnectionType(ContactModel, {
  name: 'Contact',
  order: "in the provider's order",
  totalCount: true,
});

@ObjectType('DeletedContact')
export class DeletedContactModel {
  @Field(() => ID) @ApiProperty() id!: string;
  @Field() @ApiProperty({ example: true }) deleted!: boolean;
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
