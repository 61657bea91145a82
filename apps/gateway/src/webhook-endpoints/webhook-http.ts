import type { LookupFunction } from 'node:net';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PinnedTarget } from './url-guard.js';

/** How much of an answer is kept on the attempt. */
export const RESPONSE_BODY_LIMIT = 1024;

export interface WebhookAnswer {
  /** The HTTP status; 0 when there was no answer (timeout, connection error). */
  statusCode: number;
  durationMs: number;
  /** The first RESPONSE_BODY_LIMIT bytes of the answer. */
  body: string | null;
  /** `Retry-After` in seconds, when the receiver sent one. */
  retryAfterSeconds?: number;
  error?: string;
}

/**
 * One POST to the pinned address: the connection goes to the address that was checked (the `lookup` answers it),
 * while the Host header and TLS name stay the URL's. Redirects are answers like any other (never followed).
 */
export function postWebhook(
  target: PinnedTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<WebhookAnswer> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number((process.hrtime.bigint() - started) / 1_000_000n);
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    else callback(null, target.address, target.family);
  };
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<WebhookAnswer>((resolve) => {
    let settled = false;
    const finish = (answer: Omit<WebhookAnswer, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...answer, durationMs: elapsed() });
    };
    const req = send(target.url, {
      method: 'POST',
      lookup: pinned,
      signal,
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': 'wa-gateway-webhooks/1',
      },
    });
    const timer = setTimeout(() => {
      finish({ statusCode: 0, body: null, error: `no answer within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish({ statusCode: 0, body: null, error: error.code ?? error.message }),
    );
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () =>
        finish({
          statusCode: res.statusCode ?? 0,
          body: Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8'),
          retryAfterSeconds: retryAfterOf(res.headers['retry-after']),
        });
      res.on('data', (chunk: Buffer) => {
        if (size >= RESPONSE_BODY_LIMIT) return;
        chunks.push(chunk);
        size += chunk.length;
        // Enough kept: the rest of the answer is not worth waiting for.
        if (size >= RESPONSE_BODY_LIMIT) {
          done();
          res.destroy();
        }
      });
      res.on('end', done);
      res.on('error', done);
      res.on('close', done);
    });
    req.end(body);
  });
}

/** Seconds from `Retry-After` (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterOf(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
