import { parseE164 } from '../core/phone.js';
import { unsupported } from '../core/base-adapter.js';
import { ProviderError } from '../core/provider-error.js';
import type {
  ButtonsMessage,
  MediaMessage,
  MediaSource,
  SendRequest,
  TemplateMessage,
} from '../core/unified.js';
import type { WasheejSendMessageParams, WasheejSendTemplateParams } from './washeej.requests.js';
import { washeejValidationError, type WasheejUpload } from './washeej.uploads.js';

/** What one unified send becomes: a send-message or a send-template-message call. */
export type WasheejSendPlan =
  | { endpoint: 'send-message'; params: WasheejSendMessageParams }
  | { endpoint: 'send-template-message'; params: WasheejSendTemplateParams };

interface Addressing {
  mobileCode: string;
  mobile: string;
  fromNumber?: string;
}

/**
 * The unified `from` is a Cloud API sender number (E.164), sent as from_number digits. The docs also describe a
 * Device API addressed by `instance_id`, but document no endpoint for it, so a non-number `from` is refused.
 */
function senderDigits(provider: string, from: string | undefined): string | undefined {
  if (from === undefined || from.trim() === '') return undefined;
  try {
    return parseE164(from, provider, 'from').digits;
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    throw washeejValidationError(
      provider,
      'from',
      `"${from}" is not a Cloud API sender number in E.164; Device API instance ids have no documented endpoint`,
    );
  }
}

function addressing(provider: string, request: SendRequest, defaultFrom: string | undefined): Addressing {
  const recipient = parseE164(request.to, provider, 'to');
  return {
    mobileCode: recipient.countryCallingCode,
    mobile: recipient.nationalNumber,
    fromNumber: senderDigits(provider, request.from ?? defaultFrom),
  };
}

function uploadOf(provider: string, media: MediaSource): WasheejUpload {
  if ('data' in media) return { data: media.data, filename: media.filename, contentType: media.contentType };
  throw washeejValidationError(
    provider,
    'media',
    'this provider takes media as uploaded files: give {data, filename, contentType}; a {url} source is not supported',
  );
}

function mediaParams(provider: string, request: MediaMessage, to: Addressing): WasheejSendMessageParams {
  // The caption travels as `message`, which the platform sends alongside the file.
  return { ...to, message: request.caption, [request.type]: uploadOf(provider, request.media) };
}

function templateParams(
  provider: string,
  request: TemplateMessage,
  to: Addressing,
): WasheejSendTemplateParams {
  if (request.variables && Object.keys(request.variables).length > 0) {
    throw washeejValidationError(
      provider,
      'variables',
      'templates take positional bodyVariables/headerVariables here, not named variables',
    );
  }
  return {
    ...to,
    templateId: request.template,
    bodyVariables: request.bodyVariables,
    headerVariables: request.headerVariables,
  };
}

function buttonsParams(provider: string, request: ButtonsMessage, to: Addressing): WasheejSendMessageParams {
  if (request.buttons?.length) {
    throw washeejValidationError(
      provider,
      'buttons',
      'inline buttons are not supported: configure a CTA URL or an interactive list in the dashboard and pass ctaUrlId or interactiveListId',
    );
  }
  const given = [request.ctaUrlId, request.interactiveListId].filter((id) => id !== undefined).length;
  if (given !== 1) {
    throw washeejValidationError(
      provider,
      given === 0 ? 'ctaUrlId' : 'interactiveListId',
      'give exactly one of ctaUrlId or interactiveListId (configured in the dashboard)',
    );
  }
  // Title, footer and the buttons themselves belong to the dashboard entry; the body goes as the message text.
  return {
    ...to,
    message: request.body,
    ctaUrlId: request.ctaUrlId,
    interactiveListId: request.interactiveListId,
  };
}

/** Maps a unified send onto the endpoint and fields the platform expects. */
export function planWasheejSend(
  provider: string,
  request: SendRequest,
  defaultFrom?: string,
): WasheejSendPlan {
  const to = addressing(provider, request, defaultFrom);
  switch (request.type) {
    case 'text':
      return { endpoint: 'send-message', params: { ...to, message: request.text } };
    case 'image':
    case 'video':
    case 'document':
    case 'audio':
      return { endpoint: 'send-message', params: mediaParams(provider, request, to) };
    case 'location':
      return {
        endpoint: 'send-message',
        params: { ...to, latitude: request.latitude, longitude: request.longitude },
      };
    case 'template':
      return { endpoint: 'send-template-message', params: templateParams(provider, request, to) };
    case 'buttons':
      return { endpoint: 'send-message', params: buttonsParams(provider, request, to) };
    default:
      // contact_card and poll: the base adapter refuses them before they get here.
      throw unsupported(provider, request.type);
  }
}
