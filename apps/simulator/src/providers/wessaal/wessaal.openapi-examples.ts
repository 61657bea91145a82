/** Request and response examples from Wessaal's documentation (wessaal.txt). */
const T = '2025-01-15T10:30:00.000000Z';
const INSTANCE = { id: 124, name: 'my-instance' };

export const EX = {
  ping: { success: true, message: 'pong', timestamp: T },
  me: {
    success: true,
    data: {
      user: { id: 93, name: 'Ahmed', email: 'ahmed@example.com' },
      api_key: {
        name: 'My Integration Key',
        permissions: ['send_message', 'read_messages'],
        created_at: '2025-01-01T00:00:00.000000Z',
      },
      pockets: { whatsapp: { balance: 250, currency: 'credits' }, sms: { balance: 0, currency: 'credits' } },
    },
  },
  send: {
    instance: 'my-instance',
    recipient: '+966501234567',
    message_type: 'text',
    content: 'Hello from our API!',
  },
  queued: {
    success: true,
    message: 'Message queued for sending',
    data: {
      message_id: 12345,
      status: 'pending',
      type: 'text',
      recipient: '+966501234567',
      queued_at: T,
      instance: INSTANCE,
      template_used: false,
      credits_charged: 1,
    },
  },
  bulk: {
    instance: 'my-instance',
    messages: [
      { recipient: '+966501234567', message_type: 'text', content: 'Hello Customer 1!' },
      { recipient: '+966509876543', message_type: 'text', content: 'Hello Customer 2!' },
    ],
  },
  bulkResult: {
    success: true,
    message: 'Bulk: 2 queued, 0 failed',
    data: {
      total: 2,
      success_count: 2,
      failure_count: 0,
      results: [
        { index: 0, recipient: '+966501234567', success: true, message_id: 12345, status: 'pending' },
        { index: 1, recipient: '+966509876543', success: true, message_id: 12346, status: 'pending' },
      ],
    },
  },
  status: {
    instance: 'my-instance',
    type: 'text',
    content: 'New products just dropped!',
    background_color: '#25D366',
    font: 2,
    all_contacts: true,
  },
  location: {
    instance: 'my-instance',
    recipient: '+966501234567',
    latitude: 24.7136,
    longitude: 46.6753,
    name: 'Our Head Office',
    address: 'King Fahd Road, Riyadh',
  },
  contact: {
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
  },
  poll: {
    instance: 'my-instance',
    recipient: '+966501234567',
    name: 'What is your preferred contact time?',
    values: ['Morning', 'Afternoon', 'Evening'],
    selectable_count: 1,
  },
  buttons: {
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
  },
  messageStatus: {
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
  },
  messageList: {
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
          created_at: T,
        },
      ],
      per_page: 50,
      total: 150,
    },
  },
  instances: {
    success: true,
    data: [
      {
        id: 124,
        name: 'my-instance',
        status: 'open',
        workspace: { id: 22, name: 'Main Workspace' },
        created_at: '2025-01-01T00:00:00.000000Z',
      },
    ],
  },
  liveStatus: {
    success: true,
    data: {
      instance_id: 124,
      name: 'my-instance',
      connection_status: 'open',
      phone_number: '+966501234567',
      battery: 85,
      plugged: true,
    },
  },
  contactCreate: {
    phone: '+966501234567',
    label: 'Ahmed Al-Rashid',
    email: 'ahmed@example.com',
    notes: 'VIP customer',
  },
  contactUpdate: { label: 'Ahmed Al-Rashid (Updated)', notes: 'Upgraded to Premium' },
  templateCreate: {
    workspace_id: 22,
    name: 'Order Shipped',
    message_type: 'text',
    content: 'Hi {{name}}, your order #{{order_id}} has shipped! Track it at {{tracking_url}}.',
    is_active: true,
  },
  templateCreated: {
    success: true,
    data: {
      id: 7,
      name: 'Order Shipped',
      message_type: 'text',
      is_active: true,
      workspace_id: 22,
      created_at: '2025-01-15T09:00:00.000000Z',
    },
  },
  validation: {
    success: false,
    message: 'Validation failed',
    errors: {
      instance: ['The instance field is required.'],
      media_url: ['The media url field is required when message type is image.'],
    },
  },
  credits: {
    success: false,
    message: 'Insufficient credits: not enough balance',
    error_code: 'INSUFFICIENT_CREDITS',
  },
};
