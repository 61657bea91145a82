import type { Account } from '../../core/account.js';
import { trimArray } from '../../core/retention.js';
import type { WebhookQueue } from '../../core/webhook-queue.js';

export const PROVIDER_ID = 'wamessenger' as const;

/** Where a sent message is: in the send queue, then the three delivery ticks, or failed. */
export type WamStage = 'pending' | 'server' | 'phone' | 'read' | 'failed';

/** The delivery number of each tick in the webhook's delivery reports. */
export const DELIVERY_CODE = { server: 1, phone: 2, read: 3 } as const;

export interface WamMessage {
  id: number;
  phonenumber: string;
  text: string;
  url: string | undefined;
  stage: WamStage;
  createdAt: number;
  /** When the message left the send queue (sent or failed). */
  executedAt: number | undefined;
  updatedAt: number;
}

export interface WamReceived {
  id: number;
  type: 'chat' | 'file';
  from: string;
  to: string;
  date: number;
  chat: string;
  /** Marked seen (blue ticks on the customer's phone) because sendSeen was on when it arrived. */
  seen: boolean;
}

/** Settings that take effect about 30 s after they are changed. */
export interface WamToggles {
  receive: boolean;
  seen: boolean;
}

/** One WaMessenger account's state; lives on `account.state`. */
export interface WamState {
  /** The account's own WhatsApp number (digits), the `to` of received messages. */
  ownNumber: string;
  /** Sent messages in creation order (ids increase), and the same by id. */
  messages: WamMessage[];
  byId: Map<number, WamMessage>;
  /** Received messages, oldest first. */
  received: WamReceived[];
  /** Effective settings (a change is scheduled 30 s of simulator time ahead). */
  toggles: WamToggles;
  webhookUrl: string;
  /** Created on first use (needs the clock). */
  webhook: WebhookQueue | undefined;
  /** Webhook posts run one after another so delivery reports arrive in order. */
  chain: Promise<unknown>;
}

export function emptyState(ownNumber: string, toggles: WamToggles): WamState {
  return {
    ownNumber,
    messages: [],
    byId: new Map(),
    received: [],
    toggles,
    webhookUrl: '',
    webhook: undefined,
    chain: Promise.resolve(),
  };
}

export type WamAccount = Account<WamState>;

export function stateOf(account: Account): WamState {
  return account.state as WamState;
}

/** Increasing numeric ids shared by every account of one simulator, like the real service's. */
export class IdSequence {
  constructor(private next: number) {}

  take(): number {
    return this.next++;
  }
}

/** The per-account cap: read or failed messages go first; an evicted id is "Message not found". */
export function trimMessages(state: WamState, max: number): void {
  trimArray(
    state.messages,
    max,
    (m) => m.stage === 'read' || m.stage === 'failed',
    (m) => state.byId.delete(m.id),
  );
}
