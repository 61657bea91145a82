/** Example payloads for the OpenAPI document, shaped like the simulator's answers. */
export type Example = { summary: string; value: unknown };

export interface Endpoint {
  method: 'get' | 'post' | 'delete';
  path: string;
  summary: string;
  description: string;
  params?: unknown[];
  body?: { schema: unknown; example: unknown };
  ok: Record<string, Example>;
}

export const envelope = (remark: string, status: 'success' | 'error', message: string[], data?: unknown) => ({
  remark,
  status,
  message,
  ...(data === undefined ? {} : { data }),
});

export const AT = '2025-01-31T10:00:00.000000Z';
const BASE = 'https://app.washeej.com/external-api';

export const contact = {
  id: 1,
  firstname: 'John',
  lastname: 'Doe',
  mobile_code: '880',
  mobile: '01988',
  city: null,
  state: null,
  post_code: null,
  address: null,
  profile_image: null,
  is_blocked: 0,
  created_at: AT,
  updated_at: AT,
};
export const conversation = {
  id: 2,
  contact_id: 1,
  status: 2,
  last_message_at: AT,
  created_at: AT,
  updated_at: AT,
};
export const message = {
  id: 10,
  conversation_id: 2,
  contact_id: 1,
  whatsapp_message_id: 'wamid.HBgMOTY2NTAwMDAwMDAwFQIAERgSMEZC',
  direction: 'outgoing',
  from_number: '966512345678',
  to_number: '966500000000',
  type: 'text',
  message: 'Hello! This is a test message.',
  media: null,
  latitude: null,
  longitude: null,
  cta_url_id: null,
  interactive_list_id: null,
  template_id: null,
  status: 0,
  created_at: AT,
  updated_at: AT,
};
export const template = {
  id: 1,
  name: 'order_confirmation',
  language: 'en',
  category: 'UTILITY',
  header: null,
  body: 'Hello {{1}}, your order {{2}} has been confirmed.',
  footer: 'Thank you for shopping with us',
  body_variables: 2,
  header_variables: 0,
  status: 1,
  created_at: AT,
  updated_at: AT,
};

export function page(path: string, data: unknown[]) {
  const url = `${BASE}${path}`;
  return {
    current_page: 1,
    data,
    first_page_url: `${url}?page=1`,
    from: 1,
    last_page: 1,
    last_page_url: `${url}?page=1`,
    links: [
      { url: null, label: '&laquo; Previous', active: false },
      { url: `${url}?page=1`, label: '1', active: true },
      { url: null, label: 'Next &raquo;', active: false },
    ],
    next_page_url: null,
    path: url,
    per_page: 20,
    prev_page_url: null,
    to: data.length,
    total: data.length,
  };
}

export const str = { type: 'string' };
export const int = { type: 'integer' };
export const file = { type: 'string', format: 'binary' };
export const query = (name: string, description: string, schema: unknown = int) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
export const idParam = (description: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: int,
});
export const PAGING = [
  query('page', 'Page number (default 1)'),
  query('paginate', 'Items per page (default 20)'),
];
export const validation = (...messages: string[]) => ({
  summary: 'Validation error (HTTP 200)',
  value: envelope('validation_error', 'error', messages),
});
export const refusal = (summary: string, remark: string, ...messages: string[]) => ({
  summary: `${summary} (HTTP 200)`,
  value: envelope(remark, 'error', messages),
});
