import type {
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { enumSchemas } from './api-enums.js';

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** RFC 9457 problem details, as AllExceptionsFilter's toProblem() writes them. */
const PROBLEM: SchemaObject = {
  type: 'object',
  description:
    'RFC 9457 problem details. `code` is the one error code list (GraphQL: extensions.code); `fields` names each bad field (GraphQL: extensions.fields).',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string', format: 'uri', example: 'https://wa-gateway.dev/problems/bad-user-input' },
    title: { type: 'string', example: 'BAD_USER_INPUT' },
    status: { type: 'integer', description: 'The HTTP status of the answer', example: 400 },
    detail: { type: 'string', example: 'to: to must be an E.164 number such as +966501234567' },
    instance: { type: 'string', description: 'The request path', example: '/v1/messages' },
    code: { $ref: '#/components/schemas/ErrorCode' },
    fields: {
      type: 'object',
      description: 'Field path → what is wrong with it (bad input, and provider validation errors)',
      additionalProperties: { type: 'array', items: { type: 'string' } },
      example: { to: ['to must be an E.164 number such as +966501234567'] },
    },
    provider: { $ref: '#/components/schemas/ProviderId' },
    providerHttpStatus: { type: 'integer', description: "The provider's HTTP status" },
    providerCode: { type: 'string', description: "The provider's own error label" },
    retryAfterSeconds: {
      type: 'integer',
      description: 'RATE_LIMITED: seconds to wait (also in Retry-After)',
    },
    capability: { $ref: '#/components/schemas/Capability' },
    errorId: {
      type: 'string',
      format: 'uuid',
      description: 'INTERNAL_SERVER_ERROR: the id under which the details were logged',
    },
  },
};

/** The problem answers an operation can give, by status, with what they mean here. */
const PROBLEM_RESPONSES: Record<string, { name: string; description: string }> = {
  '400': {
    name: 'BadRequest',
    description: 'BAD_USER_INPUT: the request is malformed or a field is invalid (named in `fields`)',
  },
  '401': { name: 'Unauthorized', description: 'UNAUTHENTICATED: no API key, or an unknown one' },
  '402': { name: 'PaymentRequired', description: 'INSUFFICIENT_CREDITS at the provider' },
  '404': {
    name: 'NotFound',
    description: "NOT_FOUND: no such record (or another tenant's), or unknown connection",
  },
  '409': {
    name: 'Conflict',
    description: 'CONFLICT, or IDEMPOTENCY_KEY_REUSED: the key was used with a different request',
  },
  '422': {
    name: 'UnprocessableContent',
    description:
      "UNSUPPORTED_CAPABILITY (the connection's provider cannot), or the provider refused: VALIDATION_FAILED, CONTACT_BLOCKED, REJECTED",
  },
  '429': {
    name: 'TooManyRequests',
    description:
      "RATE_LIMITED (see Retry-After): by the provider, or a synchronous send over its connection's rateLimit or on a connection the provider paused (the message is recorded FAILED)",
  },
  '500': { name: 'InternalError', description: 'INTERNAL_SERVER_ERROR, with an `errorId` found in the log' },
  '502': {
    name: 'BadGateway',
    description:
      'The provider refused the connection: AUTH_FAILED, IP_NOT_WHITELISTED, PERMISSION_DENIED, SUBSCRIPTION_REQUIRED, UNEXPECTED_RESPONSE',
  },
  '503': {
    name: 'ServiceUnavailable',
    description:
      "PROVIDER_UNAVAILABLE: the provider did not answer, or the connection's circuit breaker is open (see Retry-After)",
  },
};

const ref = (name: string): ReferenceObject => ({ $ref: `#/components/responses/${name}` });
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** The statuses an operation can answer besides its success, from what the route does. */
function problemStatuses(path: string, method: string, operation: OperationObject): string[] {
  const takesInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined;
  const statuses = takesInput ? ['400'] : [];
  const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
  if (!isPublic) statuses.push('401');
  // A connection named in the path, or in the body, or a record by id.
  const bodyNamesConnection = method !== 'get' && path.startsWith('/v1/') && path !== '/v1/connections';
  if (path.includes('{') || bodyNamesConnection) statuses.push('404');
  if (path === '/v1/connections' && method === 'post') statuses.push('409');
  const sends =
    operation.parameters?.some(
      (p: ParameterObject | ReferenceObject) => 'name' in p && p.name === 'Idempotency-Key',
    ) ?? false;
  if (sends) statuses.push('409');
  // Every call that reaches the provider can meet the provider's refusals.
  // A batch only queues (each item's refusal is in its answer): no provider answer reaches its caller.
  const queuesOnly = path.endsWith('/batch');
  const reachesProvider =
    (sends && !queuesOnly) ||
    /^\/v1\/connections\/\{name\}\/./.test(path) ||
    (path.startsWith('/v1/verifications') && method === 'post');
  if (reachesProvider) statuses.push('402', '422', '429', '502', '503');
  statuses.push('500');
  return [...new Set(statuses)].sort();
}

/**
 * What the decorators cannot say once per document: `security: []` on the routes that need no key (they carry no
 * @ApiBearerAuth), the Problem schema and its shared responses on every operation, the named enums, free-form
 * objects as `additionalProperties: true`, single-`$ref` compositions flattened, and the bearer scheme's format
 * left unstated (the key is opaque, not a JWT). Mutates and returns the document.
 */
export function applyApiConventions(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  const schemas = (components.schemas ??= {});
  Object.assign(schemas, enumSchemas(), { Problem: PROBLEM });
  components.responses ??= {};
  for (const { name, description } of Object.values(PROBLEM_RESPONSES)) {
    const response: ResponseObject = {
      description,
      content: { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
    };
    components.responses[name] = response;
  }
  const bearer = components.securitySchemes?.bearer;
  if (bearer && !('$ref' in bearer)) delete bearer.bearerFormat;

  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.security ??= [];
      for (const status of problemStatuses(path, method, operation)) {
        operation.responses[status] ??= ref(PROBLEM_RESPONSES[status]!.name);
      }
    }
  }
  for (const schema of Object.values(schemas)) tidySchema(schema, schemas);
  for (const name of requestSchemaNames(document)) defaultsInWords(schemas[name]);
  return document;
}

/** Every component schema a request body uses, directly or nested. */
function requestSchemaNames(document: OpenAPIObject): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')) {
        const name = child.slice('#/components/schemas/'.length);
        if (!names.has(name)) {
          names.add(name);
          visit(document.components?.schemas?.[name]);
        }
      } else visit(child);
    }
  };
  for (const item of Object.values(document.paths))
    for (const method of METHODS) visit(item[method]?.requestBody);
  return names;
}

/**
 * An optional request field with a `default` says it in words instead: openapi-typescript (by default) types a
 * property with a default as always present, which would make clients send what the server already assumes.
 */
function defaultsInWords(schema: SchemaObject | ReferenceObject | undefined): void {
  if (!schema || '$ref' in schema) return;
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if ('$ref' in property || property.default === undefined || schema.required?.includes(name)) continue;
    const stated = `Default: ${JSON.stringify(property.default)}.`;
    property.description = property.description
      ? `${property.description.replace(/\.?$/, '.')} ${stated}`
      : stated;
    delete property.default;
  }
}

/**
 * Free-form objects say so; a lone `allOf: [$ref]` without siblings is the `$ref` itself; a nullable `allOf: [$ref]`
 * (OpenAPI 3.0's only way to make a reference nullable) states the type of what it references, as `nullable` needs.
 */
function tidySchema(
  schema: SchemaObject | ReferenceObject,
  schemas: Record<string, SchemaObject | ReferenceObject>,
): void {
  if ('$ref' in schema) return;
  const properties: Record<string, SchemaObject | ReferenceObject> = schema.properties ?? {};
  for (const [name, property] of Object.entries(properties)) {
    if ('$ref' in property) continue;
    if (property.allOf?.length === 1 && Object.keys(property).length === 1) {
      properties[name] = property.allOf[0]!;
      continue;
    }
    if (
      property.type === 'object' &&
      !property.properties &&
      !property.allOf &&
      property.additionalProperties === undefined
    )
      property.additionalProperties = true;
    const target = property.allOf?.length === 1 ? property.allOf[0] : undefined;
    if (property.nullable && !property.type && target && '$ref' in target) {
      const referenced = schemas[target.$ref.replace('#/components/schemas/', '')];
      if (referenced && !('$ref' in referenced) && referenced.type) property.type = referenced.type;
    }
    if (property.type === 'array' && property.items)
      tidySchema({ properties: { items: property.items } }, schemas);
  }
}
