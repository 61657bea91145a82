import { inputOf, queryValue } from './body.js';
import { contactMatches } from './contacts.routes.js';
import { failure, success, validationError } from './errors.js';
import { paginate } from './paginator.js';
import { paramOf, type RouteFactory } from './route-def.js';
import { stateOf, type Conversation } from './types.js';
import { idOf, Validation } from './validation.js';
import { contactView, conversationListItem, conversationView, noteView, templateView } from './views.js';

const STATUS_RULES = { status: 'required|integer|in:0,1,2,3' };
const STATUS_ORDER = ['status'];

const newestFirst = (a: Conversation, b: Conversation): number =>
  b.lastMessageAt - a.lastMessageAt || b.id - a.id;

export const inboxRoutes: RouteFactory = (core) => [
  {
    method: 'GET',
    url: '/inbox/conversation-list',
    handler(request, account) {
      const state = stateOf(account);
      const status = queryValue(request, 'status');
      let conversations = [...state.conversations.values()];
      if (status) conversations = conversations.filter((c) => String(c.status) === status);
      const search = queryValue(request, 'search')?.toLowerCase();
      if (search) {
        conversations = conversations.filter((c) => {
          const contact = state.contacts.get(c.contactId);
          return contact !== undefined && contactMatches(contact, search);
        });
      }
      conversations.sort(newestFirst);
      return success('inbox', ['Conversation list fetched successfully'], {
        conversation: paginate(request, conversations, (c) =>
          conversationListItem(c, state.contacts.get(c.contactId)),
        ),
      });
    },
  },
  {
    method: 'POST',
    url: '/inbox/change-conversation-status/:id',
    handler(request, account) {
      const state = stateOf(account);
      const id = idOf(paramOf(request, 'id'));
      const conversation = id === undefined ? undefined : state.conversations.get(id);
      if (!conversation) return failure('not_found', ['The conversation is not found']);
      const input = inputOf(request);
      const errors = new Validation(input, STATUS_RULES, STATUS_ORDER).messages();
      if (errors.length) return validationError(errors);
      conversation.status = Number(input.status);
      conversation.updatedAt = core.clock.now();
      return success('status_updated', ['Conversation status updated successfully'], {
        conversation: conversationView(conversation),
      });
    },
  },
  {
    method: 'GET',
    url: '/inbox/conversation-details/:id',
    handler(request, account) {
      const state = stateOf(account);
      const id = idOf(paramOf(request, 'id'));
      const conversation = id === undefined ? undefined : state.conversations.get(id);
      if (!conversation) return failure('not_found', ['The conversation is not found']);
      const contact = state.contacts.get(conversation.contactId);
      return success('conversation_details', ['Conversation details fetched successfully'], {
        conversation: conversationView(conversation),
        contact: contact ? contactView(contact) : null,
        notes: conversation.notes.map((n) => noteView(n, conversation.id)),
        tags: contact?.tags ?? [],
        lists: contact?.lists ?? [],
      });
    },
  },
  {
    method: 'GET',
    url: '/inbox/template-list',
    handler(request, account) {
      const templates = [...stateOf(account).templates.values()].reverse();
      return success('template_list', ['Template list fetched successfully'], {
        templates: paginate(request, templates, templateView),
      });
    },
  },
];
