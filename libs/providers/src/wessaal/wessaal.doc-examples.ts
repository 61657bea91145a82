/*
 * The JSON examples of wessaal.txt, copied verbatim, plus the README's error bodies. Specs parse these to prove the
 * schemas accept what the provider documents. Shapes the doc does not show are marked ASSUMED.
 */

export * from './wessaal.doc-examples-resources.js';

export const pingExample = {
  success: true,
  message: 'pong',
  timestamp: '2025-01-15T10:30:00.000000Z',
};

export const meExample = {
  success: true,
  data: {
    user: { id: 93, name: 'Ahmed', email: 'ahmed@example.com' },
    api_key: {
      name: 'My Integration Key',
      permissions: ['send_message', 'read_messages'],
      created_at: '2025-01-01T00:00:00.000000Z',
    },
    pockets: {
      whatsapp: { balance: 250, currency: 'credits' },
      sms: { balance: 0, currency: 'credits' },
    },
  },
};

export const sendTextRequestExample = {
  instance: 'my-instance',
  recipient: '+966501234567',
  message_type: 'text',
  content: 'Hello from our API!',
};

export const sendImageRequestExample = {
  instance: 'my-instance',
  recipient: '+966501234567',
  message_type: 'image',
  content: 'Here is your invoice',
  media_url: 'https://example.com/invoice.png',
  filename: 'invoice.png',
};

export const sendTemplateRequestExample = {
  instance: 'my-instance',
  recipient: '+966501234567',
  template_id: 7,
  template_variables: { name: 'Ahmed', order_id: 'ORD-9988' },
};

export const sendMessageExample = {
  success: true,
  message: 'Message queued for sending',
  data: {
    message_id: 12345,
    status: 'pending',
    type: 'text',
    recipient: '+966501234567',
    queued_at: '2025-01-15T10:30:00.000000Z',
    instance: { id: 124, name: 'my-instance' },
    template_used: false,
    credits_charged: 1,
  },
};

export const sendBulkRequestExample = {
  instance: 'my-instance',
  messages: [
    { recipient: '+966501234567', message_type: 'text', content: 'Hello Customer 1!' },
    { recipient: '+966509876543', message_type: 'text', content: 'Hello Customer 2!' },
    {
      recipient: '+971501234567',
      message_type: 'image',
      content: 'Your receipt',
      media_url: 'https://example.com/receipt.png',
      filename: 'receipt.png',
    },
  ],
};

export const sendBulkExample = {
  success: true,
  message: 'Bulk: 3 queued, 0 failed',
  data: {
    total: 3,
    success_count: 3,
    failure_count: 0,
    results: [
      { index: 0, recipient: '+966501234567', success: true, message_id: 12345, status: 'pending' },
      { index: 1, recipient: '+966509876543', success: true, message_id: 12346, status: 'pending' },
      { index: 2, recipient: '+971501234567', success: true, message_id: 12347, status: 'pending' },
    ],
  },
};

/** ASSUMED: the doc shows no failed item; this is a partial success with the reason under `error`. */
export const sendBulkPartialExample = {
  success: true,
  message: 'Bulk: 1 queued, 1 failed',
  data: {
    total: 2,
    success_count: 1,
    failure_count: 1,
    results: [
      { index: 0, recipient: '+966501234567', success: true, message_id: 12345, status: 'pending' },
      { index: 1, recipient: '+966509876543', success: false, error: 'Insufficient credits' },
    ],
  },
};

export const sendStatusRequestExample = {
  instance: 'my-instance',
  type: 'text',
  content: 'New products just dropped!',
  background_color: '#25D366',
  font: 2,
  all_contacts: true,
};

export const sendLocationRequestExample = {
  instance: 'my-instance',
  recipient: '+966501234567',
  latitude: 24.7136,
  longitude: 46.6753,
  name: 'Our Head Office',
  address: 'King Fahd Road, Riyadh',
};

export const sendContactRequestExample = {
  instance: 'my-instance',
  recipient: '+966501234567',
  contacts: [
    {
      fullName: 'Support Team',
      wuid: '966200001234',
      phoneNumber: '+966200001234',
      organization: 'Acme Corp',
      email: 'support@acme.com',
    },
  ],
};

export const sendPollRequestExample = {
  instance: 'my-instance',
  recipient: '+966501234567',
  name: 'What is your preferred contact time?',
  values: ['Morning', 'Afternoon', 'Evening'],
  selectable_count: 1,
};

export const sendButtonsRequestExample = {
  instance: 'my-instance',
  recipient: '+966501234567',
  title: 'Your Order is Ready',
  description: 'Order #5678 is packed and ready for pickup.',
  footer: 'Thank you for shopping with us',
  buttons: [
    { type: 'reply', displayText: 'Confirm Pickup', id: 'confirm_5678' },
    { type: 'url', displayText: 'View on Map', url: 'https://maps.google.com/?q=24.7,46.7' },
    { type: 'call', displayText: 'Call Us', phoneNumber: '+966200001234' },
  ],
};

/** ASSUMED: send-status/location/contact/poll/buttons answer like `send` (one queued message record). */
export function queuedExample(type: string) {
  return { ...sendMessageExample, data: { ...sendMessageExample.data, message_id: 12400, type } };
}

export const messageStatusExample = {
  success: true,
  data: {
    message_id: 12345,
    status: 'delivered',
    type: 'text',
    recipient: '+966501234567',
    sent_at: '2025-01-15T10:30:05.000000Z',
    delivered_at: '2025-01-15T10:30:07.000000Z',
    failed_at: null,
    error_message: null,
  },
};

/** ASSUMED: the doc describes the detail ("content, metadata, and all status timestamps") without an example. */
export const messageDetailExample = {
  success: true,
  data: {
    id: 12345,
    type: 'image',
    recipient: '+966501234567',
    content: 'Here is your invoice',
    media_url: 'https://example.com/invoice.png',
    filename: 'invoice.png',
    status: 'delivered',
    metadata: { whatsapp_id: '3EB0C767D26A1D8E' },
    created_at: '2025-01-15T10:30:00.000000Z',
    sent_at: '2025-01-15T10:30:05.000000Z',
    delivered_at: '2025-01-15T10:30:07.000000Z',
    failed_at: null,
    error_message: null,
  },
};

export const listMessagesExample = {
  success: true,
  data: {
    current_page: 1,
    data: [
      {
        id: 12345,
        type: 'text',
        recipient: '+966501234567',
        content: 'Hello!',
        status: 'delivered',
        created_at: '2025-01-15T10:30:00.000000Z',
      },
    ],
    per_page: 50,
    total: 150,
  },
};

export const validationErrorExample = {
  success: false,
  message: 'Validation failed',
  errors: {
    instance: ['The instance field is required.'],
    media_url: ['The media url field is required when message type is image.'],
  },
};

export const insufficientCreditsExample = {
  success: false,
  message: 'Insufficient credits: not enough balance',
  error_code: 'INSUFFICIENT_CREDITS',
};

/** The README's stand-in for the undocumented 401 body. */
export const unauthenticatedExample = { success: false, message: 'Unauthenticated.' };
