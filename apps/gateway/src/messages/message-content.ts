import type { Button, MediaSource } from '@app/providers';
import { GatewayError } from '../common/errors/gateway-error.js';
import { sha256Hex } from './canonical-json.js';
import type {
  MessageButtonsInput,
  MessageMediaInput,
  MessageTemplateInput,
} from './dto/message-content.inputs.js';
import { MAX_MEDIA_BYTES } from './dto/message-content.inputs.js';
import { MessageButtonType } from './dto/message-type.js';

/** The content parts of a send (media, template, buttons) checked and turned into their unified shape. */

/** Bytes of an uploaded file: never in the message row; sealed in held_requests for retries (see HeldRequests). */
export interface MediaUpload {
  data: Uint8Array;
  filename: string;
  contentType: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const present = (value: unknown): boolean => value !== undefined && value !== null;

export function mediaOf(
  input: MessageMediaInput,
  field: string,
  allowUpload: boolean,
): { source: MediaSource; stored: Record<string, unknown>; upload?: MediaUpload } {
  const hasUrl = present(input.url);
  const hasBytes = present(input.base64);
  if (hasUrl === hasBytes) throw GatewayError.badInput(field, 'give exactly one of url or base64');
  if (hasUrl) {
    const source = {
      url: input.url!,
      filename: input.filename ?? undefined,
      contentType: input.contentType ?? undefined,
    };
    return { source, stored: { ...source } };
  }
  if (!allowUpload) throw GatewayError.badInput(`${field}.base64`, 'a bulk send takes media by url only');
  const base64 = input.base64!.replace(/\s+/g, '');
  if (!BASE64.test(base64) || base64.length % 4 === 1)
    throw GatewayError.badInput(`${field}.base64`, 'is not valid base64');
  const data = Buffer.from(base64, 'base64');
  if (data.byteLength === 0) throw GatewayError.badInput(`${field}.base64`, 'the file is empty');
  if (data.byteLength > MAX_MEDIA_BYTES)
    throw GatewayError.badInput(
      `${field}.base64`,
      `decodes to ${data.byteLength} bytes; the limit is ${MAX_MEDIA_BYTES}`,
    );
  if (!present(input.filename)) throw GatewayError.badInput(`${field}.filename`, 'is required with base64');
  if (!present(input.contentType))
    throw GatewayError.badInput(`${field}.contentType`, 'is required with base64');
  const upload = {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    filename: input.filename!,
    contentType: input.contentType!,
  };
  const stored = {
    upload: {
      sha256: sha256Hex(upload.data),
      size: data.byteLength,
      filename: upload.filename,
      contentType: upload.contentType,
    },
  };
  return { source: upload, stored, upload };
}

export function templateOf(input: MessageTemplateInput, field: string) {
  if (present(input.id) === present(input.name))
    throw GatewayError.badInput(field, 'give exactly one of id or name');
  const variables = input.variables ?? undefined;
  for (const [key, value] of Object.entries(variables ?? {})) {
    if (typeof value !== 'string')
      throw GatewayError.badInput(`${field}.variables.${key}`, 'must be a string');
  }
  return {
    template: (input.id ?? input.name)!,
    variables,
    bodyVariables: input.bodyVariables ?? undefined,
    headerVariables: input.headerVariables ?? undefined,
  };
}

export function buttonsOf(input: MessageButtonsInput, field: string) {
  const buttons = input.buttons?.map((b, i): Button => {
    const need = (value: string | undefined | null, name: string): string => {
      if (!present(value))
        throw GatewayError.badInput(`${field}.buttons.${i}.${name}`, `is required for a ${b.type} button`);
      return value!;
    };
    switch (b.type) {
      case MessageButtonType.REPLY:
        return { type: 'reply', displayText: b.displayText, id: need(b.id, 'id') };
      case MessageButtonType.URL:
        return { type: 'url', displayText: b.displayText, url: need(b.url, 'url') };
      case MessageButtonType.CALL:
        return { type: 'call', displayText: b.displayText, phoneNumber: need(b.phoneNumber, 'phoneNumber') };
      default:
        return { type: 'copy', displayText: b.displayText, copyCode: need(b.copyCode, 'copyCode') };
    }
  });
  if (!buttons?.length && !present(input.ctaUrlId) && !present(input.interactiveListId))
    throw GatewayError.badInput(`${field}.buttons`, 'give inline buttons, ctaUrlId or interactiveListId');
  return {
    body: input.body,
    title: input.title ?? undefined,
    footer: input.footer ?? undefined,
    buttons: buttons?.length ? buttons : undefined,
    ctaUrlId: input.ctaUrlId ?? undefined,
    interactiveListId: input.interactiveListId ?? undefined,
  };
}
