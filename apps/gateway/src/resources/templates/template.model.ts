import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import type { Template } from '@app/providers';
import { NullableString, orNull, RawField } from '../common/fields.js';
import { ConnectionType } from '../../common/graphql/connection.types.js';
import { PageOf } from '../common/page.model.js';

@ObjectType('Template', { description: 'A message template registered at the provider' })
export class TemplateModel {
  @Field(() => ID, { description: "The provider's template id" }) @ApiProperty({ example: '7' }) id!: string;
  @Field({ description: 'The template name' }) @ApiProperty({ example: 'Order Shipped' }) name!: string;
  @NullableString("The provider's state in words: approved, pending, rejected, disabled, active, inactive")
  status!: string | null;
  @NullableString("The body, with the provider's placeholders") content!: string | null;
  @NullableString('text, image, video, document or audio') messageType!: string | null;
  @RawField() raw!: unknown;
}

@ObjectType('TemplatePage')
export class TemplatePage extends PageOf(TemplateModel) {}

export const TemplateConnection = ConnectionType(TemplateModel, {
  name: 'Template',
  order: "in the provider's order",
  totalCount: true,
});

export function toTemplateModel(template: Template): TemplateModel {
  return {
    id: template.id,
    name: template.name,
    status: orNull(template.status),
    content: orNull(template.content),
    messageType: orNull(template.messageType),
    raw: template.raw,
  };
}
