import { z } from 'zod';

/**
 * Response shapes of the Washeej / Wutt.net platform (a Laravel WhatsApp CRM). Every object is loose so fields the
 * platform adds are kept. Ids and numbers are accepted as numbers or numeric strings because Laravel serializes
 * integer columns either way depending on the database driver.
 */

const integerLike = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number),
]);
const idLike = z.union([z.number(), z.string().min(1)]);
const optionalText = z.string().nullable().optional();

/** `message` is a list of sentences, omitted when empty; a bare string is tolerated and wrapped. */
const messagesSchema = z
  .union([z.array(z.string()), z.string().transform((sentence) => [sentence])])
  .optional();

export const washeejEnvelopeSchema = z.looseObject({
  remark: z.string(),
  status: z.enum(['success', 'error']),
  message: messagesSchema,
  data: z.unknown().optional(),
});
export type WasheejEnvelope = z.output<typeof washeejEnvelopeSchema>;

/** A success envelope whose `data` has the given shape. */
export function washeejSuccessSchema<D extends z.ZodType>(data: D) {
  return z.looseObject({
    remark: z.string(),
    status: z.literal('success'),
    message: messagesSchema,
    data,
  });
}

const paginatorLinkSchema = z.looseObject({
  url: z.string().nullable(),
  label: z.string(),
  active: z.boolean(),
});

/** Laravel's LengthAwarePaginator as JSON; `from`/`to` are null on an empty page, the URLs null at the ends. */
export function washeejPaginatorSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    current_page: integerLike,
    data: z.array(item),
    first_page_url: z.string().nullable(),
    from: integerLike.nullable(),
    last_page: integerLike,
    last_page_url: z.string().nullable(),
    links: z.array(paginatorLinkSchema),
    next_page_url: z.string().nullable(),
    path: z.string().nullable(),
    per_page: integerLike,
    prev_page_url: z.string().nullable(),
    to: integerLike.nullable(),
    total: integerLike,
  });
}

/** The contact's `address` column is a JSON object (city, state, post_code, address, country). */
const contactAddressSchema = z.looseObject({
  city: optionalText,
  state: optionalText,
  post_code: optionalText,
  address: optionalText,
  country: optionalText,
});

const labelSchema = z.looseObject({ id: idLike, name: optionalText });

export const washeejContactSchema = z.looseObject({
  id: idLike,
  firstname: optionalText,
  lastname: optionalText,
  mobile_code: z.union([z.string(), z.number()]),
  mobile: z.union([z.string(), z.number()]),
  address: z.union([contactAddressSchema, z.string()]).nullable().optional(),
  image: optionalText,
  full_name: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
  /** Present on conversation details, which load the contact's tags and lists. */
  tags: z.array(labelSchema).optional(),
  lists: z.array(labelSchema).optional(),
});
export type WasheejContact = z.output<typeof washeejContactSchema>;

const noteSchema = z.looseObject({ id: idLike, note: optionalText });

export const washeejConversationSchema = z.looseObject({
  id: idLike,
  contact_id: idLike.nullable().optional(),
  /** 0 none, 1 done, 2 pending, 3 important, 4 unread. */
  status: integerLike.nullable().optional(),
  last_message_at: optionalText,
  contact: washeejContactSchema.nullable().optional(),
  notes: z.array(noteSchema).optional(),
});
export type WasheejConversation = z.output<typeof washeejConversationSchema>;

/** The stored outgoing message returned by send-message; `status` 0 queued, 1 sent, 2 delivered, 3 read, 9 failed. */
export const washeejSentMessageSchema = z.looseObject({
  id: idLike,
  conversation_id: idLike.nullable().optional(),
  whatsapp_message_id: optionalText,
  message: optionalText,
  status: integerLike,
});
export type WasheejSentMessage = z.output<typeof washeejSentMessageSchema>;

export const washeejTemplateSchema = z.looseObject({
  id: idLike,
  name: z.string(),
  /** 0 pending, 1 approved, 2 rejected, 3 disabled. */
  status: integerLike,
  body: optionalText,
  header_format: optionalText,
  footer: optionalText,
});
export type WasheejTemplate = z.output<typeof washeejTemplateSchema>;

export const washeejContactListResponseSchema = washeejSuccessSchema(
  z.looseObject({ contacts: washeejPaginatorSchema(washeejContactSchema) }),
);
export type WasheejContactListResponse = z.output<typeof washeejContactListResponseSchema>;

export const washeejContactResponseSchema = washeejSuccessSchema(
  z.looseObject({ contact: washeejContactSchema }),
);
export type WasheejContactResponse = z.output<typeof washeejContactResponseSchema>;

/** Delete and change-status answer with no data (the envelope omits it). */
export const washeejAcknowledgementSchema = washeejSuccessSchema(z.unknown().optional());
export type WasheejAcknowledgement = z.output<typeof washeejAcknowledgementSchema>;

export const washeejConversationListResponseSchema = washeejSuccessSchema(
  z.looseObject({ conversation: washeejPaginatorSchema(washeejConversationSchema) }),
);
export type WasheejConversationListResponse = z.output<typeof washeejConversationListResponseSchema>;

export const washeejConversationDetailsResponseSchema = washeejSuccessSchema(
  z.looseObject({ conversation: washeejConversationSchema }),
);
export type WasheejConversationDetailsResponse = z.output<typeof washeejConversationDetailsResponseSchema>;

export const washeejSendMessageResponseSchema = washeejSuccessSchema(
  z.looseObject({ conversation_id: idLike, message: washeejSentMessageSchema }),
);
export type WasheejSendMessageResponse = z.output<typeof washeejSendMessageResponseSchema>;

/**
 * The platform answers template_sent with at most a conversation id (null in some versions); some versions add the
 * stored message, which is read when present.
 */
export const washeejSendTemplateResponseSchema = washeejSuccessSchema(
  z
    .looseObject({
      conversation_id: idLike.nullable().optional(),
      message: washeejSentMessageSchema.optional(),
    })
    .optional(),
);
export type WasheejSendTemplateResponse = z.output<typeof washeejSendTemplateResponseSchema>;

export const washeejTemplateListResponseSchema = washeejSuccessSchema(
  z.looseObject({ templates: washeejPaginatorSchema(washeejTemplateSchema) }),
);
export type WasheejTemplateListResponse = z.output<typeof washeejTemplateListResponseSchema>;
