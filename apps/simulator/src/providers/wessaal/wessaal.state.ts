import type { Account } from '../../core/account.js';
import { restartSafeIdStart } from '../../core/id-origin.js';
import type { RecipientFate } from '../../core/magic-numbers.js';
import type { LifecycleQueue } from './wessaal.lifecycle-queue.js';

export const SCOPES = [
  'send_message',
  'read_messages',
  'manage_instances',
  'manage_contacts',
  'manage_templates',
  'manage_workspaces',
] as const;
export type Scope = (typeof SCOPES)[number];

export type InstanceStatus = 'open' | 'close' | 'connecting';
/** Exactly the words of the doc's "Status Values" table: Wessaal has no `read` (a client may accept only these). */
export type MessageStatus = 'pending' | 'processing' | 'sent' | 'delivered' | 'failed' | 'refunded';

export interface Workspace {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface Instance {
  id: number;
  name: string;
  status: InstanceStatus;
  /** The WhatsApp number linked to the instance. */
  phoneNumber: string;
  workspace: Workspace;
  createdAt: string;
  updatedAt: string;
}

export interface Template {
  id: number;
  name: string;
  messageType: string;
  content: string;
  isActive: boolean;
  workspaceId: number;
  createdAt: string;
  updatedAt: string;
}

export interface Contact {
  id: number;
  phone: string;
  label: string | null;
  email: string | null;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One outgoing message record, as `GET /messages/{id}` shows it. */
export interface Message {
  id: number;
  type: string;
  recipient: string;
  content: string | null;
  status: MessageStatus;
  instance: Instance;
  contactId: number | null;
  templateId: number | null;
  /** Type-specific fields: media_url, filename, latitude, poll values, buttons, story settings... */
  metadata: Record<string, unknown>;
  fate: RecipientFate;
  /** Simulator ms of queueing (timestamps are derived from simulator time). */
  queuedMs: number;
  queuedAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  refundedAt: string | null;
  updatedAt: string;
  errorMessage: string | null;
}

export interface InboundMessage {
  id: number;
  from: string;
  text: string;
  contact_id: number;
  received_at: string;
}

export interface WessaalState {
  user: { id: number; name: string; email: string };
  apiKey: { name: string; created_at: string };
  smsBalance: number;
  instances: Map<number, Instance>;
  instancesByName: Map<string, Instance>;
  workspaces: Map<number, Workspace>;
  templates: Map<number, Template>;
  contacts: Map<number, Contact>;
  /** Insertion order is creation order. */
  messages: Map<number, Message>;
  inbound: InboundMessage[];
  lifecycle: LifecycleQueue;
}

export type WessaalAccount = Account<WessaalState>;

export function stateOf(account: Account): WessaalState {
  return account.state as WessaalState;
}

/**
 * Ids the real server draws from global auto-increment sequences: unique across accounts, so an id from one
 * account is simply "not found" (404) in another. Kept for the simulator's lifetime (resets never reuse ids); message
 * and received-message ids start from the start time, so they never repeat across restarts either.
 */
export class IdSequences {
  message = restartSafeIdStart();
  contact = 500;
  template = 99;
  inbound = restartSafeIdStart();
  user = 1_000;
}

/** Laravel's JSON timestamp: microseconds and a Z (`2025-01-15T10:30:00.000000Z`). */
export function laravelTime(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    lastStamp =
      Number.isSafeInteger(ms) && ms >= 0 ? fromSecond(ms) : `${new Date(ms).toISOString().slice(0, 23)}000Z`;
  }
  return lastStamp;
}

/** The stamp from the second's formatted prefix (Date formatting once a second, not once per millisecond). */
function fromSecond(ms: number): string {
  const milli = ms % 1_000;
  const second = ms - milli;
  if (second !== lastSecond) {
    lastSecond = second;
    secondPrefix = new Date(second).toISOString().slice(0, 20); // `2025-01-15T10:30:00.`
  }
  return `${secondPrefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}000Z`;
}
// Sends and lifecycle steps come many to a millisecond, and the steps of one timer run share a few seconds:
// a millisecond is formatted once in a row, a second's date and time once until another second is asked for.
let lastMs = NaN;
let lastStamp = '';
let lastSecond = NaN;
let secondPrefix = '';
