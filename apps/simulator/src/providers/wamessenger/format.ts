import type { WamMessage, WamReceived } from './state.js';

/** `2022-08-29 21:52:05` (simulator time, UTC), as getStatus shows `created` and `execute`. */
export function dashTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** `2022/08/29 21:54:18` (simulator time, UTC), as received messages and inbound webhooks show `date`. */
export function slashTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)} ${iso.slice(11, 19)}`;
}

export interface StatusView {
  status: string;
  statusInfo: string;
  id: string;
  phonenumber: string;
  text: string;
  created: string;
  execute: string;
  delivery: string;
}

/** One sent message as getStatus (and each item of showAllMessages) shows it. */
export function statusView(m: WamMessage): StatusView {
  const base = { id: String(m.id), phonenumber: m.phonenumber, text: m.text, created: dashTime(m.createdAt) };
  switch (m.stage) {
    case 'pending':
      return {
        status: 'pending',
        statusInfo: 'Message is in the send queue',
        ...base,
        execute: '',
        delivery: '',
      };
    case 'failed':
      return {
        status: 'Failed',
        statusInfo: 'Message failed to send',
        ...base,
        execute: dashTime(m.executedAt ?? m.updatedAt),
        delivery: '',
      };
    default:
      return {
        status: 'OK',
        statusInfo: 'Message successfully sent',
        ...base,
        execute: dashTime(m.executedAt ?? m.updatedAt),
        delivery: m.stage,
      };
  }
}

/** One item of the send queue (`pending`). */
export function pendingView(m: WamMessage): Record<string, string> {
  return {
    status: 'pending',
    id: String(m.id),
    phonenumber: m.phonenumber,
    text: m.text,
    created: dashTime(m.createdAt),
  };
}

/** One received message as showAllGetMessages shows it. */
export function receivedView(r: WamReceived): Record<string, string> {
  const view: Record<string, string> = {
    id: String(r.id),
    type: r.type,
    from: r.from,
    to: r.to,
    date: slashTime(r.date),
  };
  view[r.type] = r.chat;
  return view;
}

export const PAGE_SIZE = 100;

/** The paged envelope of showAllMessages and showAllGetMessages; `items` is newest first already. */
export function pageOf<T, V>(items: T[], page: number, view: (item: T) => V): Record<string, unknown> {
  const pageCount = Math.ceil(items.length / PAGE_SIZE);
  const start = (page - 1) * PAGE_SIZE;
  return {
    count: items.length,
    pageCount,
    page: `page ${page} from ${pageCount}`,
    data: items.slice(start, start + PAGE_SIZE).map(view),
  };
}
