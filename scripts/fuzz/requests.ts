import fc from 'fast-check';
import { bracketKey, hostileString, hostileValue, nested } from './values.js';

/** One documented operation of the app under test. */
export interface Operation {
  method: string;
  /** OpenAPI path template, `{name}` for parameters. */
  template: string;
  /** Which error shape its 4xx must have: a provider id, `admin`, `rest`, `graphql`. */
  scope: string;
  /** Names of body and query fields the document mentions (so values land where handlers look). */
  fields: string[];
  query: string[];
}

export type BodyKind = 'json' | 'form' | 'multipart' | 'text' | 'bytes' | 'none';

/** What a fuzz request is made of, as fast-check generates and shrinks it. */
export interface RequestPlan {
  operation: Operation;
  /** The operation's method, or one it does not allow. */
  method: string;
  param: string;
  query: Array<[string, string]>;
  body: { kind: BodyKind; contentType: string; payload: string | Uint8Array };
}

/** A request ready to send. */
export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

/** Sent into the path as they are: invalid percent-encodings, an encoded NUL, an overlong `/`. */
const RAW_PARAMS = ['%', '%zz', '%C0%AF', '%00', '%ED%A0%80'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/json; charset=latin1',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'application/octet-stream',
  'application/json, text/plain',
  '*/*',
  'garbage',
];
const INVALID_UTF8 = [0xff, 0xfe, 0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf8, 0x88, 0x80, 0x80, 0x80];

function fieldArb(operation: Operation): fc.Arbitrary<string> {
  return operation.fields.length
    ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...operation.fields) }, hostileString)
    : hostileString;
}

const DEEP_JSON = JSON.stringify(nested(3_000));

function jsonBody(operation: Operation) {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .dictionary(fieldArb(operation), hostileValue, { maxKeys: 5 })
        .map((d) => JSON.stringify(d)),
    },
    { weight: 1, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? 'null') },
    // Deeper than any parser's recursion is comfortable with, and broken JSON.
    { weight: 1, arbitrary: fc.constantFrom(1_000, 20_000).map((d) => `${'['.repeat(d)}${']'.repeat(d)}`) },
    { weight: 1, arbitrary: fc.constant(DEEP_JSON) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '{',
        '{"a":',
        '{"a":1,}',
        "{'a':1}",
        '\u0000',
        '{"__proto__":{"x":1}}',
        'NaN',
      ),
    },
  );
}

function formBody(operation: Operation) {
  const pair = fieldArb(operation).chain((field) =>
    fc.tuple(
      bracketKey(field),
      fc.oneof(hostileString.map(encode), fc.constantFrom('%', '%zz', '%00', '%C0%AF', '%ED%A0%80')),
    ),
  );
  return fc
    .array(pair, { maxLength: 6 })
    .map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${v}`).join('&'));
}

const BOUNDARY = 'fuzzB0undary';
function multipartBody(operation: Operation) {
  const part = fc.tuple(
    fieldArb(operation),
    hostileString,
    fc.constantFrom('field', 'file', 'no-blank-line', 'bad-header'),
  );
  return fc.tuple(fc.array(part, { maxLength: 4 }), fc.boolean()).map(([parts, closed]) => {
    const text = parts
      .map(([name, value, kind]) => {
        const quoted = name.replace(/["\r\n]/g, '_');
        if (kind === 'file')
          return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${quoted}"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n${value}\r\n`;
        if (kind === 'no-blank-line')
          return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${quoted}"\r\n${value}`;
        if (kind === 'bad-header') return `--${BOUNDARY}\r\n${value}\r\n\r\n${value}\r\n`;
        return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${quoted}"\r\n\r\n${value}\r\n`;
      })
      .join('');
    return closed ? `${text}--${BOUNDARY}--\r\n` : text;
  });
}

function bytesBody(operation: Operation) {
  return fc
    .tuple(fieldArb(operation), fc.subarray(INVALID_UTF8, { minLength: 1 }))
    .map(([field, bytes]) =>
      Buffer.concat([Buffer.from(`{${JSON.stringify(field)}:"`), Buffer.from(bytes), Buffer.from('"}')]),
    );
}

function bodyArb(operation: Operation): fc.Arbitrary<RequestPlan['body']> {
  const typed = (kind: BodyKind, contentType: string) => (payload: string | Uint8Array) => ({
    kind,
    contentType,
    payload,
  });
  return fc.oneof(
    { weight: 5, arbitrary: jsonBody(operation).map(typed('json', 'application/json')) },
    { weight: 2, arbitrary: formBody(operation).map(typed('form', 'application/x-www-form-urlencoded')) },
    {
      weight: 2,
      arbitrary: multipartBody(operation).map(
        typed('multipart', `multipart/form-data; boundary=${BOUNDARY}`),
      ),
    },
    { weight: 1, arbitrary: bytesBody(operation).map(typed('bytes', 'application/json')) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.oneof(hostileString, jsonBody(operation)), fc.constantFrom(...WRONG_CONTENT_TYPES))
        .map(([payload, contentType]) => ({ kind: 'text' as const, contentType, payload })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const, contentType: '', payload: '' }) },
  );
}

/** Requests over `operations`: mostly their own method, sometimes one the route does not allow. */
export function requestPlans(operations: Operation[], params: string[]): fc.Arbitrary<RequestPlan> {
  const allowed = new Map<string, Set<string>>();
  for (const op of operations)
    allowed.set(op.template, (allowed.get(op.template) ?? new Set()).add(op.method));
  const paramArb = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...params) },
    { weight: 2, arbitrary: hostileString },
    { weight: 1, arbitrary: fc.constantFrom('..', 'x'.repeat(600), ...RAW_PARAMS) },
  );
  // One arbitrary per operation, built once: building them per request (fc.chain) cost more than sending it.
  const perOperation = operations.map((operation) => {
    const wrong = METHODS.filter((m) => !allowed.get(operation.template)!.has(m));
    const queryKey = operation.query.length
      ? fc.oneof(fc.constantFrom(...operation.query), fc.constantFrom(...operation.query).chain(bracketKey))
      : bracketKey('q');
    return fc.record({
      operation: fc.constant(operation),
      method: wrong.length
        ? fc.oneof(
            { weight: 6, arbitrary: fc.constant(operation.method) },
            { weight: 1, arbitrary: fc.constantFrom(...wrong) },
          )
        : fc.constant(operation.method),
      param: paramArb,
      query: fc.array(fc.tuple(queryKey, hostileString), { maxLength: 3 }),
      body: bodyArb(operation),
    });
  });
  return fc.oneof(...perOperation);
}

/** encodeURIComponent, but a lone surrogate (which it refuses) goes as U+FFFD, as a UTF-8 client would send it. */
export function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));
  }
}

/** Path parameters as given: a few raw (invalid percent-encodings), the rest encoded. */
function encodeParam(param: string): string {
  return RAW_PARAMS.includes(param) ? param : encode(param);
}

export function toRequest(plan: RequestPlan, fill: (name: string, param: string) => string): FuzzRequest {
  const path = plan.operation.template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = fill(name, plan.param);
    return value === plan.param ? encodeParam(value) : encode(value);
  });
  const query = plan.query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  const withBody = plan.method !== 'GET' && plan.body.kind !== 'none';
  return {
    method: plan.method,
    path: query ? `${path}?${query}` : path,
    headers: withBody ? { 'content-type': plan.body.contentType } : {},
    body: withBody ? plan.body.payload : undefined,
  };
}
