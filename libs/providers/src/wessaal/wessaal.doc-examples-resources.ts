/*
 * The instance, contact, template and workspace examples of wessaal.txt, plus ASSUMED shapes the doc does not show.
 */
export const listInstancesExample = {
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
};

/** ASSUMED: "full details" of one instance, the list item's fields. */
export const instanceDetailExample = {
  success: true,
  data: {
    id: 124,
    name: 'my-instance',
    status: 'close',
    workspace: { id: 22, name: 'Main Workspace' },
    created_at: '2025-01-01T00:00:00.000000Z',
  },
};

export const instanceStatusExample = {
  success: true,
  data: {
    instance_id: 124,
    name: 'my-instance',
    connection_status: 'open',
    phone_number: '+966501234567',
    battery: 85,
    plugged: true,
  },
};

export const createContactRequestExample = {
  phone: '+966501234567',
  label: 'Ahmed Al-Rashid',
  email: 'ahmed@example.com',
  notes: 'VIP customer',
};

export const updateContactRequestExample = {
  label: 'Ahmed Al-Rashid (Updated)',
  notes: 'Upgraded to Premium',
};

/** ASSUMED: a contact record echoes the create fields. */
export const contactExample = {
  success: true,
  data: { id: 501, ...createContactRequestExample, created_at: '2025-01-15T09:00:00.000000Z' },
};

/** ASSUMED: the contact list is a Laravel paginator (a bare array is accepted too). */
export const listContactsExample = {
  success: true,
  data: {
    current_page: 1,
    data: [contactExample.data, { id: '502', phone_number: '+971501234567', name: 'Sara' }],
    last_page: 1,
    per_page: 20,
    total: 2,
  },
};

export const createTemplateRequestExample = {
  workspace_id: 22,
  name: 'Order Shipped',
  message_type: 'text',
  content: 'Hi {{name}}, your order #{{order_id}} has shipped! Track it at {{tracking_url}}.',
  is_active: true,
};

export const createTemplateExample = {
  success: true,
  data: {
    id: 7,
    name: 'Order Shipped',
    message_type: 'text',
    is_active: true,
    workspace_id: 22,
    created_at: '2025-01-15T09:00:00.000000Z',
  },
};

/** ASSUMED: the template list is a bare array of template records. */
export const listTemplatesExample = {
  success: true,
  data: [{ ...createTemplateExample.data, content: createTemplateRequestExample.content }],
};

/** ASSUMED: workspaces are `{id, name, …}` records, listed as a bare array. */
export const listWorkspacesExample = {
  success: true,
  data: [{ id: 22, name: 'Main Workspace', created_at: '2025-01-01T00:00:00.000000Z' }],
};
export const workspaceExample = { success: true, data: listWorkspacesExample.data[0] };
