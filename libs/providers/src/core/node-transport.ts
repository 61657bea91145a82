import http from 'node:http';
import https from 'node:https';

/**
 * The default transport of HttpClient: `node:http(s)` over keep-alive agents shared by every client in the process.
 * Measured on the send path (docs/benchmarks.md): Node 20's fetch costs ~600 µs of CPU per request, this ~200 µs,
 * and a gateway makes one or two provider calls per message. Tests may still inject a fetch (HttpClientOptions.fetch).
 */

/** What the clients read of a response's headers; a fetch `Headers` fits it too. */
export interface ResponseHeaders {
  get(name: string): string | null;
}

export interface TransportRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface TransportResponse {
  status: number;
  headers: ResponseHeaders;
  text: string;
}

/** Raised when the whole-request budget runs out; HttpClient reports it as a timeout. */
export class TransportTimeout extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TransportTimeout';
  }
}

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * An idle pooled socket is dropped after 4 s (what fetch's undici does): well inside the usual server keep-alive
 * (nginx 75 s, Node 5 s), so a send is not written to a socket the server is closing at that moment. The timeout only
 * closes free sockets; a request in flight is bounded by the whole-request budget below.
 */
const POOL = { keepAlive: true, maxSockets: 256, timeout: 4_000 };
const agents = { http: new http.Agent(POOL), https: new https.Agent(POOL) };

/**
 * A backstop, not the handler: node:http listens for a real socket's errors itself, from before 'socket' is emitted
 * (and forwards them to the request) and while the socket idles in the keep-alive pool. Measured on Node 20, a copy of
 * this transport without it: 900 exchanges with a server that resets the connection (at connect, after the request,
 * on idle pooled sockets) crashed nothing. It stays for sockets that break those rules, as mocks do (nock's emits an
 * error itself, then again as its stream is destroyed).
 */
const guardedSockets = new WeakSet<object>();
function guardSocket(socket: NodeJS.EventEmitter): void {
  if (guardedSockets.has(socket)) return;
  guardedSockets.add(socket);
  socket.on('error', () => undefined);
}

class NodeHeaders implements ResponseHeaders {
  constructor(private readonly raw: http.IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(', ') : value;
  }
}

function once(
  request: TransportRequest,
  deadline: number,
  timeoutMs: number,
): Promise<TransportResponse & { location?: string }> {
  return new Promise((resolve, reject) => {
    const secure = request.url.protocol === 'https:';
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = Buffer.byteLength(request.body);
    const req = (secure ? https : http).request(request.url, {
      method: request.method,
      headers,
      agent: secure ? agents.https : agents.http,
    });
    const timer = setTimeout(
      () => req.destroy(new TransportTimeout(timeoutMs)),
      Math.max(0, deadline - Date.now()),
    );
    req.on('socket', guardSocket);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      res.on('end', () => {
        clearTimeout(timer);
        const location = res.headers.location;
        resolve({
          status: res.statusCode ?? 0,
          headers: new NodeHeaders(res.headers),
          text: Buffer.concat(chunks).toString('utf8'),
          location: typeof location === 'string' ? location : undefined,
        });
      });
    });
    req.end(request.body);
  });
}

/** One exchange, following redirects the way fetch's `redirect: 'follow'` does (303, and 301/302 after a POST, → GET). */
export async function nodeTransport(
  request: TransportRequest,
  timeoutMs: number,
): Promise<TransportResponse> {
  const deadline = Date.now() + timeoutMs;
  let current = request;
  for (let hop = 0; ; hop += 1) {
    const response = await once(current, deadline, timeoutMs);
    if (!REDIRECT_STATUSES.has(response.status) || response.location === undefined || hop === MAX_REDIRECTS) {
      return { status: response.status, headers: response.headers, text: response.text };
    }
    const toGet =
      response.status === 303 ||
      ((response.status === 301 || response.status === 302) && current.method === 'POST');
    const url = new URL(response.location, current.url);
    // Credentials travel in headers (client-secret, X-API-Key, Authorization): never to another origin.
    const headers: Record<string, string> =
      url.origin === current.url.origin
        ? { ...current.headers }
        : pick(current.headers, ['accept', 'user-agent']);
    if (toGet) delete headers['content-type'];
    current = {
      method: toGet ? 'GET' : current.method,
      url,
      headers,
      body: toGet ? undefined : current.body,
    };
  }
}

function pick(headers: Record<string, string>, names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => names.includes(name.toLowerCase())));
}
