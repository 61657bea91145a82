/** OpenAPI descriptions of the inbox endpoints: conversations, sending, templates. */
import {
  AT,
  contact,
  conversation,
  envelope,
  file,
  idParam,
  int,
  message,
  PAGING,
  page,
  query,
  refusal,
  str,
  template,
  validation,
  type Endpoint,
} from './openapi.examples.js';

const RECIPIENT = {
  mobile_code: { ...str, description: 'Country code WITHOUT +, e.g. 966' },
  mobile: { ...str, description: 'Number WITHOUT country code, e.g. 500000000' },
  from_number: {
    ...str,
    description: "One of the account's numbers; default: the first (templates: first Cloud API)",
  },
};

export const INBOX_ENDPOINTS: Endpoint[] = [
  {
    method: 'get',
    path: '/inbox/conversation-list',
    summary: 'Conversation list',
    description: 'Newest first, each with its contact and notes; data.conversation is a Laravel paginator.',
    params: [query('status', 'Done = 1; Pending = 2; Important = 3; Unread = 4 (default: all)'), ...PAGING],
    ok: {
      ok: {
        summary: 'Conversations',
        value: envelope('inbox', 'success', ['Conversation list fetched successfully'], {
          conversation: page('/inbox/conversation-list', [{ ...conversation, contact, notes: [] }]),
        }),
      },
    },
  },
  {
    method: 'post',
    path: '/inbox/change-conversation-status/{id}',
    summary: 'Change conversation status',
    description: 'status 0–3 (1 done, 2 pending, 3 important); 4 (unread) is refused as a validation error.',
    params: [idParam('Conversation id')],
    body: {
      schema: { type: 'object', required: ['status'], properties: { status: int } },
      example: { status: '1' },
    },
    ok: {
      ok: {
        summary: 'Updated',
        value: envelope('status_updated', 'success', ['Conversation status updated successfully'], {
          conversation,
        }),
      },
      invalid: validation('The selected status is invalid.'),
      unknown: refusal('Unknown conversation', 'not_found', 'The conversation is not found'),
    },
  },
  {
    method: 'get',
    path: '/inbox/conversation-details/{id}',
    summary: 'Conversation details',
    description: 'The conversation with its contact, notes, tags and lists.',
    params: [idParam('Conversation id')],
    ok: {
      ok: {
        summary: 'Details',
        value: envelope('conversation_details', 'success', ['Conversation details fetched successfully'], {
          conversation,
          contact,
          notes: [
            { id: 1, conversation_id: 2, note: 'Asked about order #123', created_at: AT, updated_at: AT },
          ],
          tags: [{ id: 1, name: 'VIP' }],
          lists: [{ id: 1, name: 'Customers' }],
        }),
      },
      unknown: refusal('Unknown conversation', 'not_found', 'The conversation is not found'),
    },
  },
  {
    method: 'post',
    path: '/inbox/send-message',
    summary: 'Send a message',
    description:
      'Text, media (one of image/document/video/audio; message is the caption), location or interactive (CTA URL, ' +
      'list). from_number must be a Cloud API sender (a Device/QR number is refused: not_cloud_sender); free-form is ' +
      "allowed only within 24 h of the customer's last message (else window_closed: start with a template). " +
      'message.status: 0 queued, 1 sent, 2 delivered, 3 read, 9 failed.',
    body: {
      schema: {
        type: 'object',
        required: ['mobile_code', 'mobile'],
        properties: {
          ...RECIPIENT,
          message: { ...str, description: 'Required unless media, location or interactive data is given' },
          image: { ...file, description: 'jpg, jpeg, png; at most 5 MB' },
          document: { ...file, description: 'pdf, doc, docx; at most 100 MB' },
          video: { ...file, description: 'mp4; at most 16 MB' },
          audio: { ...file, description: 'at most 16 MB' },
          latitude: { type: 'number', description: 'With longitude' },
          longitude: { type: 'number', description: 'With latitude' },
          cta_url_id: int,
          interactive_list_id: int,
        },
      },
      example: {
        mobile_code: '966',
        mobile: '500000000',
        from_number: '966512345678',
        message: 'Hello! This is a test message.',
      },
    },
    ok: {
      ok: {
        summary: 'Accepted',
        value: envelope('success', 'success', ['Message sent successfully'], { conversation_id: 2, message }),
      },
      invalid: validation('The selected from number is invalid.'),
      window: refusal(
        '24 h window closed',
        'window_closed',
        'The 24-hour customer service window is closed: the customer has not written in the last 24 hours.',
        'A template message must be used to start the conversation (send-template-message).',
      ),
      blocked: refusal(
        'Blocked contact',
        'contact_blocked',
        'This contact is blocked.',
        'Blocked contacts can neither send nor receive messages.',
      ),
    },
  },
  {
    method: 'post',
    path: '/inbox/send-template-message',
    summary: 'Send a template message',
    description:
      'An approved template from a Cloud API number. body_variables/header_variables: arrays (form: body_variables[0]=..) ' +
      'or a JSON-encoded array string, one value per {{n}} placeholder.',
    body: {
      schema: {
        type: 'object',
        required: ['mobile_code', 'mobile', 'template_id'],
        properties: {
          ...RECIPIENT,
          template_id: int,
          body_variables: { type: 'array', items: str },
          header_variables: { type: 'array', items: str },
        },
      },
      example: {
        mobile_code: '966',
        mobile: '500000000',
        template_id: 1,
        from_number: '966512345678',
        body_variables: ['John', 'Order #456'],
      },
    },
    ok: {
      ok: {
        summary: 'Accepted',
        value: envelope('template_sent', 'success', ['Template message sent successfully'], {
          conversation_id: 2,
          message: {
            ...message,
            type: 'template',
            template_id: 1,
            message: 'Hello John, your order Order #456 has been confirmed.',
          },
        }),
      },
      notFound: refusal(
        'Unknown or unapproved template',
        'not_found',
        'The template is not found or not approved',
      ),
      device: refusal(
        'Device sender',
        'not_cloud_sender',
        'Templates are only supported on Cloud API accounts, not Device/QR accounts.',
      ),
    },
  },
  {
    method: 'get',
    path: '/inbox/template-list',
    summary: 'Template list',
    description: 'All templates of the account; status 0 pending, 1 approved, 2 rejected, 3 disabled.',
    params: PAGING,
    ok: {
      ok: {
        summary: 'Templates',
        value: envelope('template_list', 'success', ['Template list fetched successfully'], {
          templates: page('/inbox/template-list', [template]),
        }),
      },
    },
  },
];
