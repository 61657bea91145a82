import type {
  BulkResult,
  Contact,
  Instance,
  MessageRecord,
  MessageStatusResult,
  Page,
  SendResult,
  Template,
  Workspace,
} from '../core/unified.js';
import { bulkItemFailure } from './wessaal.errors.js';
import type {
  WessaalContact,
  WessaalCreateTemplateResponse,
  WessaalInstance,
  WessaalInstanceDetailResponse,
  WessaalInstanceStatusResponse,
  WessaalTemplate,
  WessaalWorkspace,
} from './wessaal.resource-schemas.js';
import type {
  WessaalListMessagesResponse,
  WessaalMessageStatusResponse,
  WessaalQueuedResponse,
  WessaalSendBulkResponse,
  WessaalSendMessageResponse,
} from './wessaal.schemas.js';
import { wessaalStatusReading } from './wessaal.status.js';

/** Parsed Wessaal answers → unified results. `raw` always keeps what the provider said. */

export function sendResultOf(body: WessaalSendMessageResponse | WessaalQueuedResponse): SendResult {
  // Undocumented send-* answers may omit status: a queued message starts as `pending`.
  const reading = wessaalStatusReading(body.data.status ?? 'pending');
  return {
    providerMessageId: String(body.data.message_id),
    ...reading,
    creditsCharged: body.data.credits_charged,
    raw: body,
  };
}

export function bulkResultOf(body: WessaalSendBulkResponse): BulkResult {
  return {
    results: body.data.results.map((item) => {
      const reading = item.status === undefined ? undefined : wessaalStatusReading(item.status);
      return {
        index: item.index,
        to: item.recipient ?? '',
        ok: item.success,
        providerMessageId: item.message_id === undefined ? undefined : String(item.message_id),
        status: reading?.status,
        providerStatus: reading?.providerStatus,
        error: item.success ? undefined : (item.error ?? item.message ?? 'failed'),
        ...(item.success ? {} : bulkItemFailure(item)),
      };
    }),
    raw: body,
  };
}

export function messageStatusOf(body: WessaalMessageStatusResponse): MessageStatusResult {
  const data = body.data;
  const updatedAt = data.read_at ?? data.failed_at ?? data.delivered_at ?? data.sent_at ?? undefined;
  return {
    providerMessageId: String(data.message_id),
    ...wessaalStatusReading(data.status),
    to: data.recipient ?? undefined,
    errorMessage: data.error_message ?? undefined,
    updatedAt,
    raw: body,
  };
}

export function messagePageOf(body: WessaalListMessagesResponse): Page<MessageRecord> {
  const page = body.data;
  return {
    items: page.data.map((item) => ({
      providerMessageId: String(item.id),
      to: item.recipient ?? '',
      ...wessaalStatusReading(item.status),
      text: item.content ?? undefined,
      createdAt: item.created_at ?? undefined,
      raw: item,
    })),
    page: page.current_page,
    pageCount: page.last_page ?? (page.per_page > 0 ? Math.ceil(page.total / page.per_page) : undefined),
    total: page.total,
    raw: body,
  };
}

type ListOrPage<T> = T[] | { data: T[]; current_page?: number; last_page?: number; total?: number };

/** Lists the doc shows no shape for: a bare array is one page holding everything. */
/**
 * A list answer as a page. The docs say contacts and templates lists return "all" records (no paging parameters):
 * a bare array is paged here when the caller asked for a page, so `page`/`pageSize` mean the same on every provider;
 * a paginator (should the server page) is taken as it is.
 */
export function pageOf<T, U>(
  body: { data: ListOrPage<T> },
  map: (item: T) => U,
  query: { page?: number; pageSize?: number } = {},
): Page<U> {
  const list = body.data;
  if (Array.isArray(list)) {
    const size = query.pageSize ?? Math.max(1, list.length);
    const page = query.page ?? 1;
    const slice = list.slice((page - 1) * size, page * size);
    const pageCount = Math.max(1, Math.ceil(list.length / size));
    return { items: slice.map(map), page, pageCount, total: list.length, raw: body };
  }
  return {
    items: list.data.map(map),
    page: list.current_page ?? 1,
    pageCount: list.last_page,
    total: list.total,
    raw: body,
  };
}

export function contactOf(contact: WessaalContact): Contact {
  return {
    id: String(contact.id),
    phone: contact.phone ?? contact.phone_number ?? '',
    name: contact.label ?? contact.name ?? undefined,
    email: contact.email ?? undefined,
    notes: contact.notes ?? undefined,
    raw: contact,
  };
}

export function templateOf(template: WessaalTemplate | WessaalCreateTemplateResponse['data']): Template {
  const isActive = template.is_active;
  return {
    id: String(template.id),
    name: template.name,
    status: isActive === undefined || isActive === null ? undefined : isActive ? 'active' : 'inactive',
    content: 'content' in template && typeof template.content === 'string' ? template.content : undefined,
    messageType: template.message_type ?? undefined,
    raw: template,
  };
}

export function workspaceOf(workspace: WessaalWorkspace): Workspace {
  return { id: String(workspace.id), name: workspace.name, raw: workspace };
}

export function instanceOf(instance: WessaalInstance): Instance {
  return {
    id: String(instance.id),
    name: instance.name,
    status: instance.status,
    workspace: instance.workspace
      ? { id: String(instance.workspace.id), name: instance.workspace.name }
      : undefined,
    raw: instance,
  };
}

/** Detail plus, when the gateway answered, the live connection state (which wins over the stored one). */
export function instanceDetailOf(
  detail: WessaalInstanceDetailResponse,
  live: WessaalInstanceStatusResponse | undefined,
): Instance {
  const data = detail.data;
  return {
    id: String(data.id),
    name: data.name ?? live?.data.name ?? String(data.id),
    status: live?.data.connection_status ?? data.connection_status ?? data.status ?? 'unknown',
    phoneNumber: live?.data.phone_number ?? data.phone_number ?? undefined,
    workspace: data.workspace ? { id: String(data.workspace.id), name: data.workspace.name } : undefined,
    raw: { detail, liveStatus: live },
  };
}
