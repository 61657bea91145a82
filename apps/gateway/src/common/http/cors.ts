import type { FastifyCorsOptions } from '@fastify/cors';

/** Request headers a browser client sends beyond the CORS-safelisted ones. */
const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key'];
/** Response headers a browser client may read beyond the CORS-safelisted ones. */
const EXPOSED_HEADERS = ['Allow', 'Idempotent-Replayed', 'Retry-After', 'WWW-Authenticate'];

/**
 * CORS for browser clients on other origins, from `GATEWAY_CORS_ORIGINS` (already parsed): off when unset (no CORS
 * header at all, so browsers refuse cross-origin reads), `*` for any origin, else the listed origins only. Keys travel
 * in `Authorization`, not cookies, so credentials mode is never enabled. Preflights are answered (204) and cached 10 min.
 */
export function corsOptions(origins: '*' | string[] | undefined): FastifyCorsOptions | undefined {
  if (origins === undefined) return undefined;
  return {
    origin: origins === '*' ? '*' : origins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
    strictPreflight: true,
  };
}
