/** Everything a provider may be able to do. The gateway reads this table to answer `providers` in advance. */
export const CAPABILITIES = [
  'text',
  'image',
  'video',
  'document',
  'audio',
  'location',
  'template',
  'contact_card',
  'poll',
  'buttons',
  'status_story',
  'bulk',
  'message_status',
  'message_list',
  'inbound_list',
  'contacts',
  'templates_list',
  'templates_create',
  'conversations',
  'otp',
  'webhooks',
  'instances',
  'workspaces',
] as const;

export type Capability = (typeof CAPABILITIES)[number];
export type CapabilityTable = Readonly<Record<Capability, boolean>>;

/** Builds a full table from the capabilities a provider has; every other one is false. */
export function capabilityTable(supported: readonly Capability[]): CapabilityTable {
  const table = Object.fromEntries(CAPABILITIES.map((c) => [c, supported.includes(c)]));
  return Object.freeze(table) as CapabilityTable;
}
