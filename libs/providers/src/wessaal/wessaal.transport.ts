import type { z } from 'zod';
import { HttpClient, type HttpRequest, type HttpResponse } from '../core/http-client.js';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';
import { parseResponse, rawBodyOf } from '../core/response-schema.js';
import { WESSAAL_PROVIDER_ID, wessaalErrorFrom } from './wessaal.errors.js';

export interface WessaalTransportConfig {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

type Query = Record<string, string | number | boolean | undefined>;

/**
 * How every Wessaal call travels: the X-API-Key header, JSON bodies, non-2xx answers turned into ProviderErrors
 * (wessaal.errors.ts) and 2xx bodies checked against their schema (UNEXPECTED_RESPONSE otherwise). No retries.
 */
export class WessaalTransport {
  private readonly http: HttpClient;

  constructor(config: WessaalTransportConfig) {
    this.http = new HttpClient({
      provider: WESSAAL_PROVIDER_ID,
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      fetch: config.fetch,
      headers: { 'X-API-Key': config.apiKey },
    });
  }

  get<S extends z.ZodType>(path: string, schema: S, query?: Query): Promise<z.output<S>> {
    return this.call({ method: 'GET', path, query }, schema);
  }

  post<S extends z.ZodType>(path: string, body: object, schema: S): Promise<z.output<S>> {
    return this.call({ method: 'POST', path, body: { kind: 'json', value: body } }, schema);
  }

  put<S extends z.ZodType>(path: string, body: object, schema: S): Promise<z.output<S>> {
    return this.call({ method: 'PUT', path, body: { kind: 'json', value: body } }, schema);
  }

  /** The doc shows no delete answer: a bare 204 (or an empty 200) is a success too. */
  async delete<S extends z.ZodType>(path: string, schema: S, whenEmpty: z.output<S>): Promise<z.output<S>> {
    const request: HttpRequest = { method: 'DELETE', path };
    const response = await this.send(request);
    return response.text.trim() === '' ? whenEmpty : this.parse(request, response, schema);
  }

  /** For the endpoints documented as permanently disabled: always rejects, GONE for the documented 410. */
  async postToDisabled(path: string, body: object): Promise<never> {
    const response = await this.send({ method: 'POST', path, body: { kind: 'json', value: body } });
    throw new ProviderError(ProviderErrorCode.UNEXPECTED_RESPONSE, {
      provider: WESSAAL_PROVIDER_ID,
      message: `${WESSAAL_PROVIDER_ID}: POST ${path} is documented as disabled (410) but answered HTTP ${response.status}`,
      httpStatus: response.status,
      rawBody: rawBodyOf(response),
    });
  }

  private async call<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<z.output<S>> {
    return this.parse(request, await this.send(request), schema);
  }

  private async send(request: HttpRequest): Promise<HttpResponse> {
    const response = await this.http.request(request);
    if (response.status < 200 || response.status > 299) {
      throw wessaalErrorFrom(response, `${request.method} ${request.path}`);
    }
    return response;
  }

  private parse<S extends z.ZodType>(request: HttpRequest, response: HttpResponse, schema: S): z.output<S> {
    return parseResponse(WESSAAL_PROVIDER_ID, schema, response, `${request.method} ${request.path}`);
  }
}
