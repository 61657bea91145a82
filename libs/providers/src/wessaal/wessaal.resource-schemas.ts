import { z } from 'zod';
import {
  wessaalBooleanish,
  wessaalEnvelope,
  wessaalIdSchema,
  wessaalListOrPage,
  wessaalNumeric,
} from './wessaal.schemas.js';

/*
 * Instances, contacts, templates and workspaces. Only the instance list, the live status and a created template
 * have examples in the doc; the rest are typed with the fields the doc implies and parsed leniently.
 */

const optionalText = z.string().nullish();
const booleanish = wessaalBooleanish;
const numeric = wessaalNumeric;
const workspaceRefSchema = z.looseObject({ id: wessaalIdSchema, name: z.string() });

// --- instances -----------------------------------------------------------------------------------------------

/** `status` is the connection state: open, close or connecting. */
export const wessaalInstanceSchema = z.looseObject({
  id: wessaalIdSchema,
  name: z.string(),
  status: z.string(),
  workspace: workspaceRefSchema.nullish(),
  created_at: optionalText,
});
export const wessaalListInstancesResponseSchema = wessaalEnvelope(z.array(wessaalInstanceSchema));
export type WessaalInstance = z.output<typeof wessaalInstanceSchema>;
export type WessaalListInstancesResponse = z.output<typeof wessaalListInstancesResponseSchema>;

/** `GET /instances/{id}` ("full details"): the list item's fields, any of which may be absent but the id. */
export const wessaalInstanceDetailSchema = z.looseObject({
  id: wessaalIdSchema,
  name: optionalText,
  status: optionalText,
  connection_status: optionalText,
  phone_number: optionalText,
  workspace: workspaceRefSchema.nullish(),
  created_at: optionalText,
});
export const wessaalInstanceDetailResponseSchema = wessaalEnvelope(wessaalInstanceDetailSchema);
export type WessaalInstanceDetailResponse = z.output<typeof wessaalInstanceDetailResponseSchema>;

export const wessaalInstanceStatusResponseSchema = wessaalEnvelope(
  z.looseObject({
    instance_id: wessaalIdSchema,
    name: z.string(),
    connection_status: z.string(),
    // A closed instance has no phone or battery to report.
    phone_number: optionalText,
    battery: numeric.nullish(),
    plugged: booleanish.nullish(),
  }),
);
export type WessaalInstanceStatusResponse = z.output<typeof wessaalInstanceStatusResponseSchema>;

// --- contacts ------------------------------------------------------------------------------------------------

/** Created with `phone`/`label` per the doc; the later reference also accepts and may return `phone_number`/`name`. */
export const wessaalContactSchema = z.looseObject({
  id: wessaalIdSchema,
  phone: optionalText,
  phone_number: optionalText,
  label: optionalText,
  name: optionalText,
  email: optionalText,
  notes: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
});
export const wessaalContactResponseSchema = wessaalEnvelope(wessaalContactSchema);
export const wessaalListContactsResponseSchema = wessaalEnvelope(wessaalListOrPage(wessaalContactSchema));
/** Delete answers no documented body: an envelope without data, or nothing at all (204). */
export const wessaalDeleteResponseSchema = z.looseObject({
  success: z.literal(true),
  message: z.string().optional(),
});
export type WessaalContact = z.output<typeof wessaalContactSchema>;
export type WessaalContactResponse = z.output<typeof wessaalContactResponseSchema>;
export type WessaalListContactsResponse = z.output<typeof wessaalListContactsResponseSchema>;
export type WessaalDeleteResponse = z.output<typeof wessaalDeleteResponseSchema>;

// --- templates -----------------------------------------------------------------------------------------------

export const wessaalCreateTemplateResponseSchema = wessaalEnvelope(
  z.looseObject({
    id: wessaalIdSchema,
    name: z.string(),
    message_type: z.string(),
    is_active: booleanish,
    workspace_id: wessaalIdSchema,
    created_at: z.string(),
  }),
);
export type WessaalCreateTemplateResponse = z.output<typeof wessaalCreateTemplateResponseSchema>;

export const wessaalTemplateSchema = z.looseObject({
  id: wessaalIdSchema,
  name: z.string(),
  message_type: optionalText,
  content: optionalText,
  is_active: booleanish.nullish(),
  workspace_id: wessaalIdSchema.nullish(),
  created_at: optionalText,
});
export const wessaalListTemplatesResponseSchema = wessaalEnvelope(wessaalListOrPage(wessaalTemplateSchema));
export type WessaalTemplate = z.output<typeof wessaalTemplateSchema>;
export type WessaalListTemplatesResponse = z.output<typeof wessaalListTemplatesResponseSchema>;

// --- workspaces ----------------------------------------------------------------------------------------------

export const wessaalWorkspaceSchema = z.looseObject({
  id: wessaalIdSchema,
  name: z.string(),
  created_at: optionalText,
});
export const wessaalWorkspaceResponseSchema = wessaalEnvelope(wessaalWorkspaceSchema);
export const wessaalListWorkspacesResponseSchema = wessaalEnvelope(wessaalListOrPage(wessaalWorkspaceSchema));
export type WessaalWorkspace = z.output<typeof wessaalWorkspaceSchema>;
export type WessaalWorkspaceResponse = z.output<typeof wessaalWorkspaceResponseSchema>;
export type WessaalListWorkspacesResponse = z.output<typeof wessaalListWorkspacesResponseSchema>;
