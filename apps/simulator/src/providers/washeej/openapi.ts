import type { OpenApiPaths } from '../../core/sim-provider.js';
import { CONTACT_ENDPOINTS } from './openapi.contacts.js';
import { INBOX_ENDPOINTS } from './openapi.inbox.js';
import { envelope, type Endpoint, type Example } from './openapi.examples.js';
import { ALIAS_PREFIX, API_PREFIX } from './routes.js';
import type { WasheejSimOptions } from './types.js';

const UNAUTHORIZED: Record<string, Example> = {
  missingId: {
    summary: 'No client-id header',
    value: envelope('Unauthorized', 'error', ['The client id is required']),
  },
  missingSecret: {
    summary: 'No client-secret header',
    value: envelope('Unauthorized', 'error', ['The client secret is required']),
  },
  invalid: { summary: 'Unknown pair', value: envelope('Unauthorized', 'error', ['Invalid credentials']) },
  ip: {
    summary: 'Caller IP not whitelisted',
    value: envelope('Unauthorized', 'error', [
      'Access to this API endpoint is restricted to IP addresses that have been explicitly whitelisted.',
      'In order to access this API endpoint, please add your IP address (203.0.113.7) to the white list from the user dashboard.',
    ]),
  },
};

const PLAN: Record<string, Example> = {
  subscription: {
    summary: 'No active plan (HTTP 200)',
    value: envelope('subscription_required', 'error', [
      'You have no active subscription plan.',
      'Please subscribe to a plan to use the API.',
    ]),
  },
  notAvailable: {
    summary: 'Plan without API access (HTTP 200)',
    value: envelope('not_available', 'error', [
      'API access is not available on your current plan.',
      'Please upgrade your plan to use the API.',
    ]),
  },
};

const json = (examples: Record<string, Example>) => ({ 'application/json': { examples } });

function operation(options: WasheejSimOptions, e: Endpoint): Record<string, unknown> {
  const auth = [
    {
      name: 'client-id',
      in: 'header',
      required: true,
      schema: { type: 'string' },
      example: `${options.credentialPrefix}-demo-id`,
    },
    {
      name: 'client-secret',
      in: 'header',
      required: true,
      schema: { type: 'string' },
      example: `${options.credentialPrefix}-demo-secret`,
    },
  ];
  const op: Record<string, unknown> = {
    summary: e.summary,
    description:
      `${e.description}\n\nAuth: headers client-id and client-secret, and the caller IP on the account's whitelist. ` +
      `Most errors answer HTTP 200 with status "error": read \`remark\`. Also served under ${ALIAS_PREFIX} (the docs' typo).`,
    tags: [options.id],
    parameters: [...auth, ...(e.params ?? [])],
    responses: {
      '200': {
        description: 'Success or a platform error (status/remark)',
        content: json({ ...e.ok, ...PLAN }),
      },
      '401': { description: 'Authentication or IP whitelist failure', content: json(UNAUTHORIZED) },
      '404': {
        description: 'Unknown route',
        content: json({
          notFound: { summary: 'Unknown route', value: envelope('not_found', 'error', ['Route not found']) },
        }),
      },
    },
  };
  if (e.body) {
    const media = { schema: e.body.schema, example: e.body.example };
    op.requestBody = {
      required: true,
      content: {
        'multipart/form-data': media,
        'application/x-www-form-urlencoded': media,
        'application/json': media,
      },
    };
  }
  return op;
}

/** OpenAPI 3 path items for every endpoint, keyed relative to the provider's `/<id>` scope. */
export function washeejOpenApi(options: WasheejSimOptions): OpenApiPaths {
  const paths: OpenApiPaths = {};
  for (const e of [...CONTACT_ENDPOINTS, ...INBOX_ENDPOINTS]) {
    const key = `${API_PREFIX}${e.path}`;
    paths[key] = { ...paths[key], [e.method]: operation(options, e) };
  }
  return paths;
}
