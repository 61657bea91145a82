import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export const TEMPLATE_MESSAGE_TYPES = ['text', 'image', 'video', 'document', 'audio'] as const;
export type TemplateMessageType = (typeof TEMPLATE_MESSAGE_TYPES)[number];

/** A new template (capability `templates_create`: Wessaal, which needs the numeric workspace id). */
@InputType('CreateTemplateInput', { description: 'A template to register at the provider' })
export class CreateTemplateInput {
  @Field({ description: 'The template name' })
  @ApiProperty({ example: 'Order Shipped' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  name!: string;

  @Field({ description: "The body, with the provider's placeholders (Wessaal: {{name}})" })
  @ApiProperty({ example: 'Hi {{name}}, your order #{{order_id}} has shipped!' })
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  content!: string;

  @Field(() => String, {
    nullable: true,
    description: `One of ${TEMPLATE_MESSAGE_TYPES.join(', ')}; text when absent`,
  })
  @ApiPropertyOptional({ enum: TEMPLATE_MESSAGE_TYPES })
  @IsOptional()
  @IsIn(TEMPLATE_MESSAGE_TYPES)
  messageType?: TemplateMessageType;

  @Field(() => String, {
    nullable: true,
    description: 'The workspace the template belongs to (Wessaal: required)',
  })
  @ApiPropertyOptional({ example: '22' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  workspaceId?: string;

  @Field({
    nullable: true,
    description: 'Whether the template can be used at once (Wessaal); active when absent',
  })
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}
