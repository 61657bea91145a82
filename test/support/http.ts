/** Small raw-HTTP helpers for e2e suites: no provider client in between. */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function http(url: string, init: RequestInit & { json?: unknown } = {}): Promise<RawResponse> {
  const { json, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (json !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(url, {
    ...rest,
    headers,
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: parsed };
}

/** The control API of a running simulator. */
export function admin(baseUrl: string) {
  const call = async <T = unknown>(method: string, path: string, json?: unknown): Promise<T> => {
    const res = await http(`${baseUrl}/__admin${path}`, { method, json });
    if (res.status >= 400) throw new Error(`${method} /__admin${path} → ${res.status}: ${res.text}`);
    return res.json as T;
  };
  return {
    call,
    reset: (account?: string) =>
      call('POST', account ? `/reset?account=${encodeURIComponent(account)}` : '/reset'),
    createAccount: <T = { id: string; credentials: Record<string, string> }>(
      provider: string,
      patch: Record<string, unknown> = {},
    ) => call<T>('POST', '/accounts', { provider, ...patch }),
    patchAccount: (id: string, patch: Record<string, unknown>) =>
      call('PATCH', `/accounts/${encodeURIComponent(id)}`, patch),
    advance: (ms: number) => call('POST', '/clock/advance', { ms }),
    inbound: (body: Record<string, unknown>) => call('POST', '/inbound', body),
    messages: (query = '') => call<Array<Record<string, unknown>>>('GET', `/messages${query}`),
    addFault: (fault: Record<string, unknown>) => call<{ id: string }>('POST', '/faults', fault),
    clearFaults: () => call('DELETE', '/faults'),
    otp: (requestId: string) => call<{ code: string }>('GET', `/otp/${encodeURIComponent(requestId)}`),
    requests: (query = '') => call<Array<Record<string, unknown>>>('GET', `/requests${query}`),
  };
}
