import { z } from 'zod';

/**
 * Response schemas for WaMessenger (api.wamessenger.ir). The server is an old PHP service whose JSON is loosely
 * typed: ids, counts and phone numbers come as numbers or strings, `set` as "true", "True" or a boolean. The schemas
 * accept all of those and normalize them, and keep unknown fields (`z.looseObject`).
 */

/** Message ids are Longs on the server; kept as strings so nothing is lost to float rounding. */
export const waMessengerIdSchema = z
  .union([z.number().int().nonnegative(), z.string().trim().regex(/^\d+$/, 'expected a numeric id')])
  .transform(String);

/** Phone numbers are digits without `+`, sent as JSON strings or numbers. */
const phoneDigitsSchema = z.union([z.string(), z.number().int().nonnegative()]).transform(String);

/** Counts documented as Long, and the webhook queue's `pending` documented as String. */
const countSchema = z.union([
  z.number().int().nonnegative(),
  z.string().trim().regex(/^\d+$/, 'expected a count').transform(Number),
]);

/** `set` is documented as true/false and comes back as "true" or "True" (sendSeen, receive). */
export const waMessengerFlagSchema = z.union([
  z.boolean(),
  z
    .string()
    .trim()
    .regex(/^(true|false)$/i, 'expected "true" or "false"')
    .transform((value) => value.toLowerCase() === 'true'),
]);

const optionalText = z.string().nullish();

/** POST sendMessage (single): the new message's id, as bare text, a JSON number or a JSON string. */
export const waMessengerSendResultSchema = waMessengerIdSchema;

/** POST sendMessage (group): one tracking code per recipient. */
export const waMessengerGroupSendItemSchema = z.looseObject({
  phonenumber: phoneDigitsSchema,
  tracking_Code: waMessengerIdSchema,
});
export const waMessengerGroupSendResultSchema = z.array(waMessengerGroupSendItemSchema);

/** GET getStatus, and each item of showAllMessages. `delivery` is server | phone | read once sent. */
export const waMessengerMessageStatusSchema = z.looseObject({
  status: z.string(),
  statusInfo: optionalText,
  id: waMessengerIdSchema,
  phonenumber: phoneDigitsSchema,
  text: optionalText,
  created: optionalText,
  execute: optionalText,
  delivery: optionalText,
});

/** `"page 1 from 1"` → 1 and 1; anything else → undefined for both (the list itself is still usable). */
export function parseWaMessengerPageLabel(label: string | number): {
  currentPage?: number;
  lastPage?: number;
} {
  if (typeof label === 'number') return { currentPage: label };
  const match = /(\d+)\D+(\d+)/.exec(label);
  if (!match) return /^\s*\d+\s*$/.test(label) ? { currentPage: Number(label) } : {};
  return { currentPage: Number(match[1]), lastPage: Number(match[2]) };
}

/** The paging envelope shared by showAllMessages and showAllGetMessages (100 items per page). */
function pagedSchema<Item extends z.ZodType>(item: Item) {
  return z
    .looseObject({
      count: countSchema,
      pageCount: countSchema,
      page: z.union([z.string(), z.number()]),
      // An empty page may come back with data null rather than [].
      data: z
        .array(item)
        .nullish()
        .transform((data) => data ?? []),
    })
    .transform((body) => ({ ...body, ...parseWaMessengerPageLabel(body.page) }));
}

/** GET showAllMessages. */
export const waMessengerSentPageSchema = pagedSchema(waMessengerMessageStatusSchema);

/** GET pending: the send queue (the plain-text "No Pending Message" is handled by the client). */
export const waMessengerPendingItemSchema = z.looseObject({
  status: z.string(),
  id: waMessengerIdSchema,
  phonenumber: phoneDigitsSchema,
  text: optionalText,
  created: optionalText,
});
export const waMessengerPendingSchema = z.array(waMessengerPendingItemSchema);

/** GET showAllGetMessages: a received message carries its content under `chat` or `file`, after its type. */
export const waMessengerReceivedMessageSchema = z.looseObject({
  id: waMessengerIdSchema,
  type: z.enum(['chat', 'file']),
  from: phoneDigitsSchema,
  to: phoneDigitsSchema,
  date: z.string(),
  chat: optionalText,
  file: optionalText,
});
export const waMessengerReceivedPageSchema = pagedSchema(waMessengerReceivedMessageSchema);

/** GET webhook/set and webhook/remove (`url` is "" after a removal). */
export const waMessengerWebhookSetSchema = z.looseObject({
  set: waMessengerFlagSchema,
  url: z.string().nullish(),
  message: z.string(),
});

/** GET webhook/pending and webhook/resend. `hash` echoes the api key. */
export const waMessengerWebhookQueueSchema = z.looseObject({
  pending: countSchema,
  hash: z.string().nullish(),
  message: z.string(),
  url: z.string().nullish(),
});

/** GET sendSeen and receive. */
export const waMessengerSettingSchema = z.looseObject({
  set: waMessengerFlagSchema,
  message: z.string(),
});

/** Webhook POST bodies (undocumented; shapes from public client code, PascalCase keys). */
export const waMessengerInboundWebhookSchema = z.looseObject({
  Hash: z.string(),
  DataType: z.string().regex(/^message$/i),
  ID: waMessengerIdSchema,
  From: phoneDigitsSchema,
  To: phoneDigitsSchema,
  Type: z.enum(['chat', 'file']),
  Chat: z.string(),
  Date: z.string().nullish(),
});
export const waMessengerDeliveryWebhookSchema = z.looseObject({
  Hash: z.string(),
  DataType: z.string().regex(/^delivery$/i),
  ID: waMessengerIdSchema,
  delivery: z.union([z.number().int(), z.string().trim().regex(/^\d+$/).transform(Number)]),
  phonenumber: phoneDigitsSchema.nullish(),
});

export type WaMessengerGroupSendItem = z.output<typeof waMessengerGroupSendItemSchema>;
export type WaMessengerGroupSendResult = z.output<typeof waMessengerGroupSendResultSchema>;
export type WaMessengerMessageStatus = z.output<typeof waMessengerMessageStatusSchema>;
export type WaMessengerSentPage = z.output<typeof waMessengerSentPageSchema>;
export type WaMessengerPendingItem = z.output<typeof waMessengerPendingItemSchema>;
export type WaMessengerReceivedMessage = z.output<typeof waMessengerReceivedMessageSchema>;
export type WaMessengerReceivedPage = z.output<typeof waMessengerReceivedPageSchema>;
export type WaMessengerWebhookSet = z.output<typeof waMessengerWebhookSetSchema>;
export type WaMessengerWebhookQueue = z.output<typeof waMessengerWebhookQueueSchema>;
export type WaMessengerSetting = z.output<typeof waMessengerSettingSchema>;
export type WaMessengerInboundWebhook = z.output<typeof waMessengerInboundWebhookSchema>;
export type WaMessengerDeliveryWebhook = z.output<typeof waMessengerDeliveryWebhookSchema>;
