import type { OpenApiPaths } from '../../core/sim-provider.js';

const TAGS = ['watsal'];

const AUTH = {
  name: 'Authorization',
  in: 'header',
  required: true,
  description: 'Bearer <api key> (scheme case-insensitive). Demo key: watsal-demo-key.',
  schema: { type: 'string', example: 'Bearer watsal-demo-key' },
};

const errorSchema = {
  type: 'object',
  properties: {
    success: { type: 'boolean', example: false },
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        field: { type: 'string', description: 'Validation errors and unknown ids/slugs in the body' },
      },
      required: ['code', 'message'],
    },
  },
};

function error(description: string, code: string, message: string, field?: string) {
  return {
    description,
    content: {
      'application/json': {
        schema: errorSchema,
        example: { success: false, error: field ? { code, message, field } : { code, message } },
      },
    },
  };
}

const COMMON = {
  '400': error(
    'Malformed JSON, body not an object, or wrong content type',
    'invalid_request',
    'Malformed JSON body.',
  ),
  '401': error('Missing or invalid bearer key', 'unauthorized', 'Invalid API key.'),
  '429': error(
    'Over the per-key rate limit (Retry-After header)',
    'rate_limited',
    'Too many requests. Retry after 60 seconds.',
  ),
};

function ok(example: Record<string, unknown>) {
  return {
    description: 'Success',
    content: { 'application/json': { example: { success: true, data: example } } },
  };
}

function jsonBody(properties: Record<string, unknown>, required: string[], example: Record<string, unknown>) {
  return {
    required: true,
    content: { 'application/json': { schema: { type: 'object', properties, required }, example } },
  };
}

const PHONE = { type: 'string', description: 'E.164 phone number', example: '+201012345678' };

export function watsalOpenApi(): OpenApiPaths {
  return {
    '/v1/verify/send': {
      post: {
        summary: 'Send OTP code (numeric, by WhatsApp; expires in 300 s)',
        tags: TAGS,
        parameters: [AUTH],
        requestBody: jsonBody(
          {
            phone: PHONE,
            length: { type: 'integer', minimum: 4, maximum: 8, default: 6, description: 'Code length' },
            brand_name: { type: 'string', description: 'Your app name to appear in the message' },
          },
          ['phone'],
          { phone: '+201012345678', length: 6, brand_name: 'Watsal App' },
        ),
        responses: {
          '200': ok({ request_id: 'req_550e8400-e29b-41d4', status: 'sent', expires_in: 300 }),
          ...COMMON,
          '422': error(
            'Invalid phone, length or brand_name',
            'validation_error',
            'The length must be an integer between 4 and 8.',
            'length',
          ),
        },
      },
    },
    '/v1/verify/check': {
      post: {
        summary: 'Verify an OTP code against its request id',
        tags: TAGS,
        parameters: [AUTH],
        requestBody: jsonBody(
          {
            request_id: { type: 'string', description: 'ID returned from the send endpoint' },
            code: {
              type: 'string',
              pattern: '^\\d{4,8}$',
              description: 'The 4-8 digit code the user entered',
            },
          },
          ['request_id', 'code'],
          { request_id: 'req_550e8400-e29b-41d4', code: '123456' },
        ),
        responses: {
          '200': ok({ verified: true, timestamp: '2023-10-01T12:00:00Z' }),
          ...COMMON,
          '404': error('Unknown request id', 'not_found', 'Verification request not found.', 'request_id'),
          '422': error(
            'validation_error, invalid_code, code_expired or already_verified',
            'invalid_code',
            'The code is incorrect.',
          ),
          '429': error(
            'rate_limited, or too_many_attempts after 5 wrong codes',
            'too_many_attempts',
            'Too many incorrect attempts. Request a new code.',
          ),
        },
      },
    },
    '/v1/messages/{id}': {
      get: {
        summary: 'Retrieve message status (queued, sent, delivered, read, failed)',
        tags: TAGS,
        parameters: [
          AUTH,
          { name: 'id', in: 'path', required: true, schema: { type: 'string', example: 'req_550e8400' } },
        ],
        responses: {
          '200': ok({ id: 'req_550e8400', status: 'delivered', timestamp: '2023-10-01T12:05:00Z' }),
          '401': COMMON['401'],
          '404': error('Unknown message id', 'not_found', 'Message not found.'),
          '429': COMMON['429'],
        },
      },
    },
    '/v1/notifications/send': {
      post: {
        summary: 'Send a template notification',
        tags: TAGS,
        parameters: [AUTH],
        requestBody: jsonBody(
          {
            phone: PHONE,
            template: { type: 'string', description: 'Template slug', example: 'order_update' },
            variables: {
              type: 'object',
              additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
              description: 'Template variables',
            },
          },
          ['phone', 'template'],
          {
            phone: '+201012345678',
            template: 'order_confirmed',
            variables: { order_id: '123', name: 'Ahmed' },
          },
        ),
        responses: {
          '200': ok({ request_id: 'req_8812a', status: 'queued' }),
          ...COMMON,
          '404': error('Unknown template slug', 'not_found', 'Template "order_x" not found.', 'template'),
          '422': error(
            'Invalid phone, template or variables',
            'validation_error',
            'The template field is required.',
            'template',
          ),
        },
      },
    },
  };
}
