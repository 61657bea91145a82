import type { CapturedExchange } from './types.js';

function headersOf(init: ConstructorParameters<typeof Headers>[0]): Record<string, string> {
  return Object.fromEntries(new Headers(init).entries());
}

function bodyOf(body: RequestInit['body']): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof URLSearchParams) return body.toString();
  if (body instanceof FormData) {
    const fields: Record<string, string> = {};
    for (const [name, value] of body.entries())
      fields[name] = typeof value === 'string' ? value : `<file ${value.name}>`;
    return JSON.stringify(fields);
  }
  return '<binary body>';
}

export function parseBody(text: string): unknown {
  if (text === '') return '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A fetch that behaves like `base` and appends every exchange (request, status, content type, body) to `log`. */
export function capturingFetch(log: CapturedExchange[], base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input);
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const response = await base(input, init);
    const bodyText = await response.clone().text();
    log.push({
      method,
      url,
      requestHeaders: headersOf(init?.headers ?? request?.headers),
      requestBody: bodyOf(init?.body),
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      bodyText,
      body: parseBody(bodyText),
    });
    return response;
  };
}
