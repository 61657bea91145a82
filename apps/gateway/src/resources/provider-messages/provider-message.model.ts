import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { MessageStatus, type MessageRecord } from '@app/providers';
import { NullableString, orNull, RawField } from '../common/fields.js';
import { ConnectionType } from '../../common/graphql/connection.types.js';
import { PageOf } from '../common/page.model.js';

@ObjectType('ProviderMessage', {
  description: "A message as the provider's own list shows it (not the gateway's stored message)",
})
export class ProviderMessageModel {
  @Field(() => ID, { description: "The provider's id of the message" })
  @ApiProperty({ example: '1042' })
  providerMessageId!: string;
  @Field({ description: 'E.164 when the provider says' })
  @ApiProperty({ example: '+966501234567' })
  to!: string;
  @Field({ description: 'Normalized: QUEUED, SENT, DELIVERED, READ or FAILED' })
  @ApiProperty({ enum: MessageStatus, enumName: 'MessageStatus' })
  status!: string;
  @Field({ description: "The provider's own status word" })
  @ApiProperty({ example: 'pending' })
  providerStatus!: string;
  @NullableString('The text, when the provider lists it') text!: string | null;
  @NullableString('As the provider reports it') createdAt!: string | null;
  @RawField() raw!: unknown;
}

@ObjectType('ProviderMessagePage')
export class ProviderMessagePage extends PageOf(ProviderMessageModel) {}

export const ProviderMessageConnection = ConnectionType(ProviderMessageModel, {
  name: 'ProviderMessage',
  order: "in the provider's order",
  totalCount: true,
});

export function toProviderMessageModel(record: MessageRecord): ProviderMessageModel {
  return {
    providerMessageId: record.providerMessageId,
    to: record.to,
    status: record.status,
    providerStatus: record.providerStatus,
    text: orNull(record.text),
    createdAt: orNull(record.createdAt),
    raw: record.raw,
  };
}
