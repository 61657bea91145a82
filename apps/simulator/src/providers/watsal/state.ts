import { randomUUID } from 'node:crypto';
import type { Account } from '../../core/account.js';
import { trimMap } from '../../core/retention.js';

export type WatsalStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

/** One WhatsApp message: an OTP or a template notification. Ids share one namespace (`req_…`). */
export interface WatsalMessage {
  id: string;
  to: string;
  kind: 'otp' | 'notification';
  template?: string;
  text: string;
  status: WatsalStatus;
  createdAt: number;
  /** Simulator time of the last status change: what `GET /v1/messages/{id}` calls `timestamp`. */
  updatedAt: number;
}

export interface OtpRequest {
  code: string;
  expiresAt: number;
  wrongAttempts: number;
  verifiedAt?: number;
}

/** A template compiled once: literals at even indexes, variable names at odd ones. */
export interface Template {
  slug: string;
  text: string;
  parts: readonly string[];
}

export interface WatsalState {
  messages: Map<string, WatsalMessage>;
  otps: Map<string, OtpRequest>;
  templates: ReadonlyMap<string, Template>;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/;

export function compileTemplate(slug: string, text: string): Template {
  return { slug, text, parts: text.split(PLACEHOLDER) };
}

/** Mustache-like: a variable the caller did not send renders as an empty string. */
export function renderTemplate(template: Template, variables: Record<string, string | number>): string {
  const { parts } = template;
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    if (Object.hasOwn(variables, name)) out += String(variables[name]);
    out += parts[i + 1] ?? '';
  }
  return out;
}

/** Every account's templates (Watsal has no template API, so they are fixed). */
export const DEFAULT_TEMPLATES: ReadonlyMap<string, Template> = new Map(
  [
    compileTemplate('order_confirmed', 'Hi {{name}}, your order {{order_id}} is confirmed.'),
    compileTemplate('order_update', 'Hi {{name}}, your order {{order_id}} is now {{status}}.'),
  ].map((t) => [t.slug, t]),
);

export function newState(): WatsalState {
  return { messages: new Map(), otps: new Map(), templates: DEFAULT_TEMPLATES };
}

export function stateOf(account: Account): WatsalState {
  return account.state as WatsalState;
}

/** Shaped like the docs' `req_550e8400-e29b-41d4`: the first three groups of a v4 UUID. */
export function newMessageId(taken: ReadonlyMap<string, unknown>): string {
  let id: string;
  do id = `req_${randomUUID().slice(0, 18)}`;
  while (taken.has(id));
  return id;
}

/** ISO 8601 in UTC without milliseconds, as the docs show (`2023-10-01T12:00:00Z`). */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** The per-account cap: read or failed messages go first, an OTP request with its message. */
export function trimMessages(state: WatsalState, max: number): void {
  trimMap(
    state.messages,
    max,
    (m) => m.status === 'read' || m.status === 'failed',
    (_m, id) => state.otps.delete(id),
  );
}
