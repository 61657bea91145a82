import { trimMap } from '../../core/retention.js';
import { fateOf, RecipientFate } from '../../core/magic-numbers.js';
import type { SimCore } from '../../core/sim-core.js';
import { INSUFFICIENT_CREDITS, notFound, Refusal, validationFailed } from './wessaal.errors.js';
import type { Lifecycle } from './wessaal.lifecycle.js';
import {
  laravelTime,
  stateOf,
  type IdSequences,
  type Instance,
  type Message,
  type Template,
  type WessaalAccount,
  type WessaalState,
} from './wessaal.state.js';
import { toInt } from './wessaal.validation.js';

const NUMERIC = /^\d+$/;
const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

export interface Target {
  recipient: string;
  contactId: number | null;
  fate: RecipientFate;
}

export interface QueueInput {
  instance: Instance;
  type: string;
  recipient: string;
  content: string | null;
  contactId: number | null;
  fate: RecipientFate;
  templateId: number | null;
  metadata: Record<string, unknown>;
  /** The request's own dispatch delay (ms). */
  delayMs: number;
}

/** Instance by id (integer or numeric string) or by name. */
export function findInstance(state: WessaalState, ref: unknown): Instance | undefined {
  if (typeof ref === 'number') return state.instances.get(ref);
  if (typeof ref !== 'string') return undefined;
  return state.instancesByName.get(ref) ?? (NUMERIC.test(ref) ? state.instances.get(Number(ref)) : undefined);
}

/** `{{name}}` placeholders filled from `variables`; unknown ones stay as written. */
export function fillTemplate(content: string, variables: Record<string, unknown> | undefined): string {
  if (!variables) return content;
  return content.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(variables, name) && variables[name] !== null ? String(variables[name]) : whole,
  );
}

/** The checks and bookkeeping every send endpoint shares. */
export class Sender {
  constructor(
    private readonly core: SimCore,
    private readonly ids: IdSequences,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** The instance, owned (404) and connected (422). */
  instance(state: WessaalState, ref: unknown): Instance | Refusal {
    const instance = findInstance(state, ref);
    if (instance === undefined) return new Refusal(404, notFound('Instance'));
    if (instance.status !== 'open') {
      return new Refusal(
        422,
        validationFailed({
          instance: [`The instance ${instance.name} is not connected (status: ${instance.status}).`],
        }),
      );
    }
    return instance;
  }

  /** The recipient phone: `recipient`, or the contact's phone (404 when not owned); blocked contacts → 422. */
  target(state: WessaalState, recipient: unknown, contactIdRaw: unknown): Target | Refusal {
    const contactId = toInt(contactIdRaw) ?? null;
    let phone = typeof recipient === 'string' && recipient !== '' ? recipient : undefined;
    if (contactId !== null) {
      const contact = state.contacts.get(contactId);
      if (contact === undefined) return new Refusal(404, notFound('Contact'));
      phone ??= contact.phone;
    }
    if (phone === undefined)
      return new Refusal(422, validationFailed({ recipient: ['The recipient field is required.'] }));
    const fate = fateOf(phone);
    if (fate === RecipientFate.BLOCKED) {
      const field = phone === recipient ? 'recipient' : 'contact_id';
      return new Refusal(422, validationFailed({ [field]: ['The recipient is blocked.'] }));
    }
    return { recipient: phone, contactId, fate };
  }

  /** A template of this account (404) that is active (422). */
  template(state: WessaalState, idRaw: unknown): Template | Refusal {
    const template = state.templates.get(toInt(idRaw) ?? -1);
    if (template === undefined) return new Refusal(404, notFound('Template'));
    if (!template.isActive) {
      return new Refusal(422, validationFailed({ template_id: ['The selected template is inactive.'] }));
    }
    return template;
  }

  /** Charges one credit and queues the message; 402 (nothing queued) when the pocket is empty. */
  queue(account: WessaalAccount, input: QueueInput): Message | Refusal {
    if (account.credits < 1) return new Refusal(402, INSUFFICIENT_CREDITS);
    account.credits -= 1;
    const now = this.core.clock.now();
    const stamp = laravelTime(now);
    const message: Message = {
      id: ++this.ids.message,
      type: input.type,
      recipient: input.recipient,
      content: input.content,
      status: 'pending',
      instance: input.instance,
      contactId: input.contactId,
      templateId: input.templateId,
      metadata: input.metadata,
      fate: input.fate,
      queuedMs: now,
      queuedAt: stamp,
      sentAt: null,
      deliveredAt: null,
      failedAt: null,
      refundedAt: null,
      updatedAt: stamp,
      errorMessage: null,
    };
    const messages = stateOf(account).messages;
    messages.set(message.id, message);
    trimMap(messages, this.core.config.maxMessagesPerAccount, isFinal);
    this.lifecycle.start(account, message, input.delayMs);
    return message;
  }
}

/** Where a message moves no further (NEVER_DELIVERED's `sent` is not final: it is evicted only after these). */
function isFinal(message: Message): boolean {
  return message.status === 'delivered' || message.status === 'refunded';
}
