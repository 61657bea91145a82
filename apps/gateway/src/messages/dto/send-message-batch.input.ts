import { Field, InputType } from '@nestjs/graphql';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { SendMessageInput } from './send-message.input.js';

/** The most messages one batch request carries. */
export const MAX_BATCH_ITEMS = 1_000;

/**
 * Many messages, each of any type to any of the tenant's connections, accepted for later delivery. The items are
 * deliberately not validated as a whole (no @ValidateNested): each is checked on its own, so one bad item is
 * refused in the answer (naming `messages.<i>.<field>`) while the others are accepted.
 */
@InputType('SendMessageBatchInput', {
  description: `1 to ${MAX_BATCH_ITEMS} messages queued for delivery; each item is validated, accepted or refused on its own`,
})
export class SendMessageBatchInput {
  @Field(() => [SendMessageInput], {
    description:
      'The messages, each as for sendMessage (media by url only: an upload is refused per item); an item `idempotencyKey` makes that item idempotent',
  })
  @ApiProperty({ type: [SendMessageInput], minItems: 1, maxItems: MAX_BATCH_ITEMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BATCH_ITEMS)
  messages!: SendMessageInput[];
}
