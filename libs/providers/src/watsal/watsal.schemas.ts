import { z } from 'zod';

/**
 * Responses of the Watsal API (docs: watsal.txt). Every object is loose so fields Watsal adds later are kept.
 * Ids are `req_…` strings in the doc; numbers are accepted too and normalized to strings, as are booleans and
 * counts sent as strings, since nothing about the real server is known beyond the doc's examples.
 */

const watsalId = z.union([z.string().min(1), z.number()]).transform(String);

const lenientBoolean = z.union([
  z.boolean(),
  z
    .string()
    .regex(/^(true|false)$/i)
    .transform((value) => value.toLowerCase() === 'true'),
  z.union([z.literal(0), z.literal(1)]).transform((value) => value === 1),
]);

const lenientCount = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d+$/)
    .transform((value) => Number(value)),
]);

const successFlag = z.union([z.literal(true), z.literal('true')]);

function watsalEnvelope<Data extends z.ZodType>(data: Data) {
  return z.looseObject({ success: successFlag, data });
}

/** POST /v1/verify/send */
export const watsalVerifySendResponseSchema = watsalEnvelope(
  z.looseObject({ request_id: watsalId, status: z.string(), expires_in: lenientCount }),
);

/**
 * POST /v1/verify/check. The doc only shows a successful check; a check answered `verified: false` may well carry
 * no moment, so `timestamp` is optional while `verified` is what the caller relies on.
 */
export const watsalVerifyCheckResponseSchema = watsalEnvelope(
  z.looseObject({ verified: lenientBoolean, timestamp: z.string().optional() }),
);

/** GET /v1/messages/{id}. Ids share the namespace of OTP request ids (an OTP's request id is a message id). */
export const watsalMessageResponseSchema = watsalEnvelope(
  z.looseObject({ id: watsalId, status: z.string(), timestamp: z.string() }),
);

/** POST /v1/notifications/send */
export const watsalNotificationSendResponseSchema = watsalEnvelope(
  z.looseObject({ request_id: watsalId, status: z.string() }),
);

/**
 * Watsal documents no error body. This is our assumption, shared with the simulator:
 * `{"success":false,"error":{"code":"<code>","message":"<text>","field"?:"<name>"}}`.
 */
export const watsalErrorBodySchema = z.looseObject({
  success: z.union([z.literal(false), z.literal('false')]).optional(),
  error: z.looseObject({
    code: z.string().min(1),
    message: z.string().optional(),
    field: z.string().min(1).optional(),
  }),
});

export type WatsalVerifySendResponse = z.output<typeof watsalVerifySendResponseSchema>;
export type WatsalVerifyCheckResponse = z.output<typeof watsalVerifyCheckResponseSchema>;
export type WatsalMessageResponse = z.output<typeof watsalMessageResponseSchema>;
export type WatsalNotificationSendResponse = z.output<typeof watsalNotificationSendResponseSchema>;
export type WatsalErrorBody = z.output<typeof watsalErrorBodySchema>;
