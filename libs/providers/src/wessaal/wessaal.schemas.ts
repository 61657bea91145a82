import { z } from 'zod';

/*
 * Response schemas for the Wessaal Integration API (wessaal.txt). Every object is `z.looseObject`, so fields the
 * server adds are kept. The server is a Laravel app: ids are integers in the doc but are accepted as strings too,
 * numbers may come as numeric strings and uncast boolean columns as 1/0.
 */

export const wessaalIdSchema = z.union([z.number(), z.string().min(1)]);
export type WessaalId = z.output<typeof wessaalIdSchema>;

export const wessaalNumeric = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?$/)
    .transform(Number),
]);
export const wessaalBooleanish = z
  .union([z.boolean(), z.literal(0), z.literal(1), z.literal('0'), z.literal('1')])
  .transform((value) => value === true || value === 1 || value === '1');
const optionalText = z.string().nullish();
const numeric = wessaalNumeric;
const booleanish = wessaalBooleanish;

/** `{success: true, message?, data}`: a 2xx answer with `success: false` breaks the contract. */
export function wessaalEnvelope<T extends z.ZodType>(data: T) {
  return z.looseObject({ success: z.literal(true), message: z.string().optional(), data });
}

/** The Laravel length-aware paginator as `GET /messages` documents it; the other fields are optional extras. */
export function wessaalPaginator<T extends z.ZodType>(item: T) {
  return z.looseObject({
    current_page: numeric,
    data: z.array(item),
    per_page: numeric,
    total: numeric,
    last_page: numeric.optional(),
    from: numeric.nullish(),
    to: numeric.nullish(),
    next_page_url: optionalText,
    prev_page_url: optionalText,
  });
}

/**
 * Lists whose shape the doc does not show (contacts, templates, workspaces): a bare array or a paginator whose page
 * fields may be missing.
 */
export function wessaalListOrPage<T extends z.ZodType>(item: T) {
  return z.union([
    z.array(item),
    z.looseObject({
      data: z.array(item),
      current_page: numeric.optional(),
      last_page: numeric.optional(),
      per_page: numeric.optional(),
      total: numeric.optional(),
    }),
  ]);
}

const namedRefSchema = z.looseObject({ id: wessaalIdSchema, name: z.string() });

// --- account -------------------------------------------------------------------------------------------------

export const wessaalPingResponseSchema = z.looseObject({
  success: z.literal(true),
  message: z.string(),
  timestamp: z.string(),
});
export type WessaalPingResponse = z.output<typeof wessaalPingResponseSchema>;

export const wessaalMeResponseSchema = wessaalEnvelope(
  z.looseObject({
    user: z.looseObject({ id: wessaalIdSchema, name: z.string(), email: z.string() }),
    api_key: z.looseObject({ name: z.string(), permissions: z.array(z.string()), created_at: optionalText }),
    pockets: z.record(z.string(), z.looseObject({ balance: numeric, currency: z.string() })),
  }),
);
export type WessaalMeResponse = z.output<typeof wessaalMeResponseSchema>;

// --- sending -------------------------------------------------------------------------------------------------

/** The documented 202 answer of `POST /messages/send`. */
export const wessaalSendMessageResponseSchema = wessaalEnvelope(
  z.looseObject({
    message_id: wessaalIdSchema,
    status: z.string(),
    type: z.string(),
    // A send by contact_id still resolves a recipient, but the doc never promises it: tolerate null.
    recipient: z.string().nullable(),
    queued_at: z.string(),
    instance: namedRefSchema,
    template_used: booleanish,
    credits_charged: numeric,
  }),
);
export type WessaalSendMessageResponse = z.output<typeof wessaalSendMessageResponseSchema>;

/**
 * send-status, send-location, send-contact, send-poll and send-buttons show no response in the doc. Each queues
 * one message record and charges a credit like `send`, so the same fields are read, leniently.
 */
export const wessaalQueuedResponseSchema = wessaalEnvelope(
  z.looseObject({
    message_id: wessaalIdSchema,
    status: z.string().optional(),
    type: optionalText,
    recipient: optionalText,
    queued_at: optionalText,
    instance: namedRefSchema.nullish(),
    credits_charged: numeric.optional(),
  }),
);
export type WessaalQueuedResponse = z.output<typeof wessaalQueuedResponseSchema>;

export const wessaalBulkResultSchema = z.looseObject({
  index: numeric,
  recipient: optionalText,
  success: booleanish,
  message_id: wessaalIdSchema.optional(),
  status: z.string().optional(),
  // Failed items are not shown in the doc; either key may carry the reason, with a code and field messages.
  error: optionalText,
  message: optionalText,
  error_code: z.unknown().optional(),
  errors: z.unknown().optional(),
});
export const wessaalSendBulkResponseSchema = wessaalEnvelope(
  z.looseObject({
    total: numeric,
    success_count: numeric,
    failure_count: numeric,
    results: z.array(wessaalBulkResultSchema),
  }),
);
export type WessaalSendBulkResponse = z.output<typeof wessaalSendBulkResponseSchema>;

// --- message records -----------------------------------------------------------------------------------------

export const wessaalMessageStatusResponseSchema = wessaalEnvelope(
  z.looseObject({
    message_id: wessaalIdSchema,
    status: z.string(),
    type: z.string(),
    recipient: z.string().nullable(),
    sent_at: optionalText,
    delivered_at: optionalText,
    // Not in the doc's example, but `read` is a documented status value.
    read_at: optionalText,
    failed_at: optionalText,
    error_message: optionalText,
  }),
);
export type WessaalMessageStatusResponse = z.output<typeof wessaalMessageStatusResponseSchema>;

/** `GET /messages/{id}`: "content, metadata, and all status timestamps"; no example, so everything is lenient. */
export const wessaalMessageDetailSchema = z
  .looseObject({
    id: wessaalIdSchema.optional(),
    message_id: wessaalIdSchema.optional(),
    status: z.string(),
    type: optionalText,
    recipient: optionalText,
    content: optionalText,
    media_url: optionalText,
    filename: optionalText,
    template_id: wessaalIdSchema.nullish(),
    metadata: z.unknown().optional(),
    instance: namedRefSchema.nullish(),
    created_at: optionalText,
    queued_at: optionalText,
    sent_at: optionalText,
    delivered_at: optionalText,
    read_at: optionalText,
    failed_at: optionalText,
    error_message: optionalText,
  })
  .refine((message) => message.id !== undefined || message.message_id !== undefined, {
    message: 'id or message_id is required',
  });
export const wessaalMessageDetailResponseSchema = wessaalEnvelope(wessaalMessageDetailSchema);
export type WessaalMessageDetailResponse = z.output<typeof wessaalMessageDetailResponseSchema>;

export const wessaalMessageListItemSchema = z.looseObject({
  id: wessaalIdSchema,
  status: z.string(),
  type: optionalText,
  recipient: optionalText,
  // Media and template messages may have no text.
  content: optionalText,
  created_at: optionalText,
});
export const wessaalListMessagesResponseSchema = wessaalEnvelope(
  wessaalPaginator(wessaalMessageListItemSchema),
);
export type WessaalListMessagesResponse = z.output<typeof wessaalListMessagesResponseSchema>;
export type WessaalMessageListItem = z.output<typeof wessaalMessageListItemSchema>;
