import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import qs from 'qs';
import type { SimCore } from '../../core/sim-core.js';

/**
 * PHP's `$_POST`: `phonenumber[0]=…&phonenumber[1]=…` and `phonenumber[]=…` make arrays, a repeated plain key keeps
 * the last value, and nothing reaches the prototype.
 */
const QS_OPTIONS: qs.IParseOptions = {
  arrayLimit: 1_000,
  parameterLimit: 2_000,
  depth: 2,
  duplicates: 'last',
  allowPrototypes: false,
};

export function parseForm(text: string): unknown {
  return qs.parse(text, QS_OPTIONS);
}

/**
 * The send accepts what PHP does: form-urlencoded (parsed with `qs`), multipart/form-data (the doc's PHP sample
 * posts an array, which curl sends as multipart) and, for newer clients, JSON (Fastify's own parser).
 */
export async function registerBodyParsers(app: FastifyInstance, core: SimCore): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, parseForm(body as string));
    } catch {
      const error = new Error('Bad Request') as Error & { statusCode: number };
      error.statusCode = 400;
      done(error, undefined);
    }
  });
  await app.register(multipart, {
    limits: {
      fieldNameSize: 200,
      fieldSize: core.config.bodyLimitBytes,
      fields: 2_000,
      fileSize: core.config.bodyLimitBytes,
      files: 5,
      parts: 2_005,
    },
  });
}

export type MultipartResult = { ok: true; body: unknown } | { ok: false; status: 400 | 413 };

/** Reads a multipart body into the same shape as a form body; uploaded files are read and ignored (url only). */
export async function readMultipart(request: FastifyRequest): Promise<MultipartResult> {
  const pairs: string[] = [];
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        for await (const _chunk of part.file) {
          // drain: the send takes a media url, not an upload
        }
        if (part.file.truncated) return { ok: false, status: 413 };
        continue;
      }
      if (part.valueTruncated) return { ok: false, status: 413 };
      if (part.fieldnameTruncated || typeof part.value !== 'string') return { ok: false, status: 400 };
      pairs.push(`${encodeURIComponent(part.fieldname)}=${encodeURIComponent(part.value)}`);
    }
  } catch (error) {
    const status = (error as { statusCode?: number }).statusCode;
    return { ok: false, status: status === 413 ? 413 : 400 };
  }
  return { ok: true, body: parseForm(pairs.join('&')) };
}
