import type { InboundMessage } from '@app/providers';

const E164 = /^\+\d{6,15}$/;

/** Why an inbound message from a provider is not worth storing, or undefined when it is. */
export function inboundProblem(message: InboundMessage): string | undefined {
  if (!message.providerMessageId) return 'it has no id';
  if (!E164.test(message.from)) return `its sender "${message.from}" is not a phone number`;
  return undefined;
}
