import type { FastifyInstance } from 'fastify';
import { digitsOf } from '../../core/magic-numbers.js';
import type { SimCore } from '../../core/sim-core.js';
import { authorize } from './wessaal.auth.js';
import { notFound, validationFailed } from './wessaal.errors.js';
import { pathId } from './wessaal.routes-read.js';
import { BASE } from './wessaal.routes-send.js';
import { laravelTime, stateOf, type Contact, type IdSequences, type WessaalState } from './wessaal.state.js';
import { CREATE_CONTACT_RULES, CREATE_TEMPLATE_RULES, UPDATE_CONTACT_RULES } from './wessaal.rules.js';
import { asObject, toBool, toInt, validate } from './wessaal.validation.js';
import { contactView, templateCreated, templateView } from './wessaal.views.js';

type Body = Record<string, unknown>;

/** The first of the fields (doc name, then the later reference's alias) that was sent. */
function field(body: Body, names: [string, string]): { name: string; value: unknown } | undefined {
  for (const name of names) if (body[name] !== undefined) return { name, value: body[name] };
  return undefined;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export function contactWithPhone(state: WessaalState, phone: string): Contact | undefined {
  const digits = digitsOf(phone);
  for (const contact of state.contacts.values()) if (digitsOf(contact.phone) === digits) return contact;
  return undefined;
}

/** contacts (create with `phone`/`label` or `phone_number`/`name`; phones unique per account) and templates. */
export function registerContactRoutes(app: FastifyInstance, core: SimCore, ids: IdSequences): void {
  app.get(`${BASE}/contacts`, (request, reply) => {
    const account = authorize(core, request, reply, 'manage_contacts');
    if (account === undefined) return reply;
    return reply.send({ success: true, data: [...stateOf(account).contacts.values()].map(contactView) });
  });

  app.post(`${BASE}/contacts`, (request, reply) => {
    const account = authorize(core, request, reply, 'manage_contacts');
    if (account === undefined) return reply;
    const body = asObject(request.body);
    const errors = validate(body, CREATE_CONTACT_RULES);
    if (errors !== undefined) return reply.code(422).send(validationFailed(errors));
    const state = stateOf(account);
    const phone = field(body, ['phone', 'phone_number'])!;
    if (contactWithPhone(state, phone.value as string)) {
      return reply
        .code(422)
        .send(
          validationFailed({ [phone.name]: [`The ${phone.name.replace('_', ' ')} has already been taken.`] }),
        );
    }
    const now = laravelTime(core.clock.now());
    const contact: Contact = {
      id: ++ids.contact,
      phone: phone.value as string,
      label: text(field(body, ['label', 'name'])?.value),
      email: text(body.email),
      notes: text(body.notes),
      createdAt: now,
      updatedAt: now,
    };
    state.contacts.set(contact.id, contact);
    return reply.code(201).send({ success: true, data: contactView(contact) });
  });

  app.get(`${BASE}/contacts/:id`, (request, reply) => {
    const account = authorize(core, request, reply, 'manage_contacts');
    if (account === undefined) return reply;
    const contact = stateOf(account).contacts.get(pathId(request) ?? -1);
    if (contact === undefined) return reply.code(404).send(notFound('Contact'));
    return reply.send({ success: true, data: contactView(contact) });
  });

  app.put(`${BASE}/contacts/:id`, (request, reply) => {
    const account = authorize(core, request, reply, 'manage_contacts');
    if (account === undefined) return reply;
    const state = stateOf(account);
    const contact = state.contacts.get(pathId(request) ?? -1);
    if (contact === undefined) return reply.code(404).send(notFound('Contact'));
    const body = asObject(request.body);
    const errors = validate(body, UPDATE_CONTACT_RULES);
    if (errors !== undefined) return reply.code(422).send(validationFailed(errors));
    const phone = field(body, ['phone', 'phone_number']);
    if (phone !== undefined && typeof phone.value === 'string' && phone.value !== '') {
      const owner = contactWithPhone(state, phone.value);
      if (owner !== undefined && owner !== contact) {
        return reply.code(422).send(
          validationFailed({
            [phone.name]: [`The ${phone.name.replace('_', ' ')} has already been taken.`],
          }),
        );
      }
      contact.phone = phone.value;
    }
    const label = field(body, ['label', 'name']);
    if (label !== undefined) contact.label = text(label.value);
    if (body.email !== undefined) contact.email = text(body.email);
    if (body.notes !== undefined) contact.notes = text(body.notes);
    contact.updatedAt = laravelTime(core.clock.now());
    return reply.send({ success: true, data: contactView(contact) });
  });

  app.delete(`${BASE}/contacts/:id`, (request, reply) => {
    const account = authorize(core, request, reply, 'manage_contacts');
    if (account === undefined) return reply;
    const state = stateOf(account);
    const id = pathId(request) ?? -1;
    if (!state.contacts.delete(id)) return reply.code(404).send(notFound('Contact'));
    return reply.send({ success: true, message: 'Contact deleted' });
  });

  app.get(`${BASE}/templates`, (request, reply) => {
    const account = authorize(core, request, reply, 'manage_templates');
    if (account === undefined) return reply;
    return reply.send({ success: true, data: [...stateOf(account).templates.values()].map(templateView) });
  });

  app.post(`${BASE}/templates`, (request, reply) => {
    const account = authorize(core, request, reply, 'manage_templates');
    if (account === undefined) return reply;
    const body = asObject(request.body);
    const errors = validate(body, CREATE_TEMPLATE_RULES);
    if (errors !== undefined) return reply.code(422).send(validationFailed(errors));
    const state = stateOf(account);
    const workspace = state.workspaces.get(toInt(body.workspace_id) ?? -1);
    if (workspace === undefined) return reply.code(404).send(notFound('Workspace'));
    const now = laravelTime(core.clock.now());
    const template = {
      id: ++ids.template,
      name: body.name as string,
      messageType: body.message_type as string,
      content: body.content as string,
      isActive: toBool(body.is_active, true),
      workspaceId: workspace.id,
      createdAt: now,
      updatedAt: now,
    };
    state.templates.set(template.id, template);
    return reply.code(201).send({ success: true, data: templateCreated(template) });
  });
}
