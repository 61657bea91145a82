import type { Contact, Instance, Message, Template, WessaalState, Workspace } from './wessaal.state.js';

/** Response shapes: the documented fields, snake_case, Laravel timestamps. */

export function sendView(message: Message, templateUsed: boolean): Record<string, unknown> {
  return {
    message_id: message.id,
    status: 'pending',
    type: message.type,
    recipient: message.recipient,
    queued_at: message.queuedAt,
    instance: { id: message.instance.id, name: message.instance.name },
    template_used: templateUsed,
    credits_charged: 1,
  };
}

export function statusView(m: Message): Record<string, unknown> {
  return {
    message_id: m.id,
    status: m.status,
    type: m.type,
    recipient: m.recipient,
    sent_at: m.sentAt,
    delivered_at: m.deliveredAt,
    failed_at: m.failedAt,
    error_message: m.errorMessage,
  };
}

export function messageListItem(m: Message): Record<string, unknown> {
  return {
    id: m.id,
    type: m.type,
    recipient: m.recipient,
    content: m.content,
    status: m.status,
    created_at: m.queuedAt,
  };
}

export function messageDetail(m: Message): Record<string, unknown> {
  return {
    id: m.id,
    type: m.type,
    recipient: m.recipient,
    content: m.content,
    status: m.status,
    instance: { id: m.instance.id, name: m.instance.name },
    contact_id: m.contactId,
    template_id: m.templateId,
    template_used: m.templateId !== null,
    credits_charged: 1,
    metadata: m.metadata,
    error_message: m.errorMessage,
    queued_at: m.queuedAt,
    sent_at: m.sentAt,
    delivered_at: m.deliveredAt,
    failed_at: m.failedAt,
    refunded_at: m.refundedAt,
    created_at: m.queuedAt,
    updated_at: m.updatedAt,
  };
}

function workspaceRef(w: Workspace): Record<string, unknown> {
  return { id: w.id, name: w.name };
}

export function instanceListItem(i: Instance): Record<string, unknown> {
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    workspace: workspaceRef(i.workspace),
    created_at: i.createdAt,
  };
}

export function instanceDetail(i: Instance): Record<string, unknown> {
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    phone_number: i.phoneNumber,
    workspace: workspaceRef(i.workspace),
    created_at: i.createdAt,
    updated_at: i.updatedAt,
  };
}

/** The gateway's live view: the phone, battery and charger are only known while connected. */
export function instanceLiveStatus(i: Instance): Record<string, unknown> {
  const open = i.status === 'open';
  return {
    instance_id: i.id,
    name: i.name,
    connection_status: i.status,
    phone_number: open ? i.phoneNumber : null,
    battery: open ? 85 : null,
    plugged: open ? true : null,
  };
}

export function contactView(c: Contact): Record<string, unknown> {
  return {
    id: c.id,
    phone: c.phone,
    label: c.label,
    email: c.email,
    notes: c.notes,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export function templateCreated(t: Template): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    message_type: t.messageType,
    is_active: t.isActive,
    workspace_id: t.workspaceId,
    created_at: t.createdAt,
  };
}

export function templateView(t: Template): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    message_type: t.messageType,
    content: t.content,
    is_active: t.isActive,
    workspace_id: t.workspaceId,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

export function workspaceListItem(w: Workspace): Record<string, unknown> {
  return { id: w.id, name: w.name, created_at: w.createdAt };
}

export function workspaceDetail(w: Workspace, state: WessaalState): Record<string, unknown> {
  const instances = [...state.instances.values()].filter((i) => i.workspace.id === w.id);
  const templates = [...state.templates.values()].filter((t) => t.workspaceId === w.id);
  return {
    id: w.id,
    name: w.name,
    instances: instances.map((i) => ({ id: i.id, name: i.name, status: i.status })),
    templates_count: templates.length,
    created_at: w.createdAt,
    updated_at: w.updatedAt,
  };
}
