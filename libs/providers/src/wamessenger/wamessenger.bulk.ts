import { parseE164 } from '../core/phone.js';
import { ProviderError } from '../core/provider-error.js';
import { MessageStatus } from '../core/message-status.js';
import { unsupported } from '../core/base-adapter.js';
import type { BulkItemResult, BulkRequest, BulkResult } from '../core/unified.js';
import type { WaMessengerClient } from './wamessenger.client.js';
import { WAMESSENGER_PROVIDER_ID } from './wamessenger.errors.js';
import { waMessengerContent } from './wamessenger.mapping.js';
import type { WaMessengerGroupSendResult } from './wamessenger.schemas.js';

interface Recipient {
  index: number;
  to: string;
  digits: string;
}
interface Group {
  text: string;
  url?: string;
  recipients: Recipient[];
}

/** What a freshly accepted message is: in the provider's send queue. */
export const WAMESSENGER_QUEUED = { status: MessageStatus.QUEUED, providerStatus: 'pending' } as const;

function failure(index: number, to: string, error: unknown): BulkItemResult {
  if (!(error instanceof ProviderError)) throw error;
  return { index, to, ok: false, error: `${error.code}: ${error.message}` };
}

/** One group send takes one text and one url for many numbers: items sharing both share a call. */
function groupMessages(request: BulkRequest, results: BulkItemResult[]): Group[] {
  const groups = new Map<string, Group>();
  request.messages.forEach((message, index) => {
    try {
      if (message.type === 'template') throw unsupported(WAMESSENGER_PROVIDER_ID, 'template');
      const { digits } = parseE164(message.to, WAMESSENGER_PROVIDER_ID, `messages[${index}].to`);
      const content = waMessengerContent(message, `messages[${index}].media`);
      const key = JSON.stringify([content.text, content.url ?? null]);
      const group = groups.get(key) ?? { ...content, recipients: [] };
      group.recipients.push({ index, to: message.to, digits });
      groups.set(key, group);
    } catch (error) {
      results[index] = failure(index, message.to, error);
    }
  });
  return [...groups.values()];
}

/** Matches tracking codes to recipients by number (a number may appear twice), else by position. */
function assignTrackingCodes(
  recipients: Recipient[],
  answer: WaMessengerGroupSendResult,
  results: BulkItemResult[],
) {
  const used = new Set<number>();
  const digitsOf = (value: string): string => value.replace(/\D/g, '');
  recipients.forEach((recipient, position) => {
    let at = answer.findIndex((entry, i) => !used.has(i) && digitsOf(entry.phonenumber) === recipient.digits);
    if (at < 0 && answer.length === recipients.length && !used.has(position)) at = position;
    if (at < 0) {
      results[recipient.index] = {
        index: recipient.index,
        to: recipient.to,
        ok: false,
        error: `${WAMESSENGER_PROVIDER_ID}: the group send answered no tracking code for this recipient`,
      };
      return;
    }
    used.add(at);
    const { index, to } = recipient;
    results[index] = {
      index,
      to,
      ok: true,
      providerMessageId: answer[at].tracking_Code,
      ...WAMESSENGER_QUEUED,
    };
  });
}

/** The group send requires `url` (wamessenger.txt marks it اجباری), so text-only items go one by one. */
async function sendOneByOne(
  client: WaMessengerClient,
  group: Group,
  results: BulkItemResult[],
  raw: unknown[],
): Promise<void> {
  for (const { index, to, digits } of group.recipients) {
    try {
      const id = await client.sendMessage({ phonenumber: digits, text: group.text });
      raw.push({ phonenumber: digits, id });
      results[index] = { index, to, ok: true, providerMessageId: id, ...WAMESSENGER_QUEUED };
    } catch (error) {
      results[index] = failure(index, to, error);
    }
  }
}

/**
 * Bulk through the group send: one call per distinct (text, url); text-only items through single sends. An item the
 * provider cannot take (template, uploaded bytes, bad number) and every item of a group whose call failed get
 * ok:false; the other groups still go.
 */
export async function sendWaMessengerBulk(
  client: WaMessengerClient,
  request: BulkRequest,
): Promise<BulkResult> {
  const results: BulkItemResult[] = new Array<BulkItemResult>(request.messages.length);
  const raw: unknown[] = [];
  for (const group of groupMessages(request, results)) {
    if (group.url === undefined) {
      await sendOneByOne(client, group, results, raw);
      continue;
    }
    try {
      const answer = await client.sendGroupMessage({
        phonenumber: group.recipients.map((recipient) => recipient.digits),
        text: group.text,
        url: group.url,
      });
      raw.push(answer);
      assignTrackingCodes(group.recipients, answer, results);
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      raw.push({ error: { code: error.code, message: error.message, httpStatus: error.httpStatus } });
      for (const { index, to } of group.recipients) results[index] = failure(index, to, error);
    }
  }
  return { results, raw };
}
