import { isError } from './is-error.js';
import { nodeTransport, TransportTimeout, type ResponseHeaders } from './node-transport.js';
import { ProviderError, ProviderErrorCode } from './provider-error.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Scalar values a form field can carry; arrays become PHP-style `name[0]=…&name[1]=…` fields. */
export type FormValue = string | number | boolean;
export type FormFields = Record<string, FormValue | FormValue[] | undefined>;

export interface FileField {
  field: string;
  filename: string;
  contentType: string;
  data: Uint8Array;
}

export type RequestBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; fields: FormFields }
  | { kind: 'multipart'; fields: FormFields; files?: FileField[] };

export interface HttpRequest {
  method: HttpMethod;
  /** Relative to the base URL; build it with `pathOf` so user input is escaped. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  body?: RequestBody;
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  /** The body as text, always available. */
  text: string;
  /** The body parsed as JSON when it is JSON, else undefined (WaMessenger answers plain text at times). */
  json: unknown;
}

export interface HttpClientOptions {
  provider: string;
  baseUrl: string;
  /** Whole-request budget, body included. Default 15 s. */
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** Injected for tests or instrumentation (the contract kit captures through it); default: node:http keep-alive. */
  fetch?: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

/** Escapes every interpolated value as one path segment: `pathOf\`contact/update/${id}\``. */
export function pathOf(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce(
    (acc, part, i) => acc + part + (i < values.length ? encodeURIComponent(String(values[i])) : ''),
    '',
  );
}

/** Flattens fields the way PHP's http_build_query does, which is what the Laravel-based providers parse. */
export function flattenFormFields(fields: FormFields): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach((item, i) => pairs.push([`${name}[${i}]`, String(item)]));
    else pairs.push([name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value)]);
  }
  return pairs;
}

function encodeBody(body: RequestBody | undefined): { payload?: RequestInit['body']; contentType?: string } {
  if (!body) return {};
  switch (body.kind) {
    case 'json':
      return { payload: JSON.stringify(body.value), contentType: 'application/json' };
    case 'form':
      return {
        payload: new URLSearchParams(flattenFormFields(body.fields)).toString(),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 'multipart': {
      const form = new FormData();
      for (const [name, value] of flattenFormFields(body.fields)) form.append(name, value);
      for (const file of body.files ?? []) {
        form.append(file.field, new Blob([file.data], { type: file.contentType }), file.filename);
      }
      // fetch sets multipart/form-data with its boundary itself.
      return { payload: form };
    }
  }
}

/** The same encodings as bytes for node:http; multipart is serialized by the platform (boundary included). */
async function encodeBodyBytes(
  body: RequestBody | undefined,
): Promise<{ payload?: string | Uint8Array; contentType?: string }> {
  const { payload, contentType } = encodeBody(body);
  if (!(payload instanceof FormData)) return { payload: payload as string | undefined, contentType };
  const serialized = new Request('http://multipart.invalid/', { method: 'POST', body: payload });
  return {
    payload: new Uint8Array(await serialized.arrayBuffer()),
    contentType: serialized.headers.get('content-type') ?? undefined,
  };
}

function parseJsonLenient(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    return JSON.parse(trimmed);
  } catch {
    return undefined;
  }
}

/** The one place that performs HTTP for every provider client: timeouts, encoding, transport errors. */
export class HttpClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch | undefined;

  constructor(private readonly options: HttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.fetchImpl = options.fetch;
  }

  urlFor(path: string, query?: HttpRequest['query']): string {
    const url = new URL(`${this.baseUrl}/${path.replace(/^\/+/, '')}`);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: 'application/json, text/plain;q=0.9, */*;q=0.5' };
    Object.assign(headers, this.options.headers, request.headers);
    const url = this.urlFor(request.path, request.query);
    const { text, status, responseHeaders } = this.fetchImpl
      ? await this.viaFetch(this.fetchImpl, request, url, headers)
      : await this.viaNode(request, url, headers);
    return { status, headers: responseHeaders, text, json: parseJsonLenient(text) };
  }

  private async viaNode(
    request: HttpRequest,
    url: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; responseHeaders: ResponseHeaders; text: string }> {
    const { payload, contentType } = await encodeBodyBytes(request.body);
    if (contentType) headers['content-type'] = contentType;
    try {
      const response = await nodeTransport(
        { method: request.method, url: new URL(url), headers, body: payload },
        this.timeoutMs,
      );
      return { status: response.status, responseHeaders: response.headers, text: response.text };
    } catch (error) {
      throw this.transportError(request, error, error instanceof TransportTimeout);
    }
  }

  private async viaFetch(
    fetchImpl: typeof fetch,
    request: HttpRequest,
    url: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; responseHeaders: ResponseHeaders; text: string }> {
    const { payload, contentType } = encodeBody(request.body);
    if (contentType) headers['content-type'] = contentType;
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const response = await fetchImpl(url, {
        method: request.method,
        headers,
        body: payload,
        redirect: 'follow',
        signal,
      });
      const text = await response.text();
      return { status: response.status, responseHeaders: response.headers, text };
    } catch (error) {
      throw this.transportError(request, error, signal.aborted);
    }
  }

  private transportError(request: HttpRequest, error: unknown, timedOut: boolean): ProviderError {
    const reason = timedOut
      ? `no answer within ${this.timeoutMs} ms`
      : `connection failed (${describeCause(error)})`;
    return new ProviderError(ProviderErrorCode.PROVIDER_UNAVAILABLE, {
      provider: this.options.provider,
      message: `${this.options.provider}: ${request.method} ${request.path}: ${reason}`,
      cause: error,
    });
  }
}

function describeCause(error: unknown): string {
  if (!isError(error)) return String(error);
  const ownCode = (error as Error & { code?: string }).code; // node:http errors carry it themselves
  if (ownCode) return `${ownCode}: ${error.message}`;
  const cause = (error as Error & { cause?: unknown }).cause;
  if (isError(cause)) {
    const code = (cause as Error & { code?: string }).code;
    return code ? `${code}: ${cause.message}` : cause.message;
  }
  return error.message;
}
