import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import qs from 'qs';

/** An uploaded file as the handlers see it: its name, type and size; the bytes are counted, not kept. */
export class UploadedFile {
  constructor(
    readonly filename: string,
    readonly mimetype: string,
    readonly size: number,
    /** The upload went past the largest size any field accepts (100 MB), so `size` is a lower bound. */
    readonly truncated: boolean,
  ) {}
}

/** The largest upload any field accepts: documents, 100 MB. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

const QS_OPTIONS: qs.IParseOptions = { arrayLimit: 100, depth: 5, parameterLimit: 1000, duplicates: 'last' };

async function countFile(part: MultipartFile): Promise<void> {
  let size = 0;
  for await (const chunk of part.file) size += (chunk as Buffer).length;
  part.value = new UploadedFile(part.filename, part.mimetype, size, part.file.truncated);
}

/**
 * The bodies a PHP/Laravel server reads: JSON (an empty body is an empty object), form-urlencoded with PHP-style
 * arrays (`body_variables[0]=..`), and multipart/form-data with files streamed and counted. Anything else is 415.
 */
export async function registerBodyParsers(scope: FastifyInstance): Promise<void> {
  const json = scope.getDefaultJsonParser('error', 'error');
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' || (typeof body === 'string' && body.trim() === '')) return done(null, {});
    json(request, body as string, done);
  });
  scope.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      try {
        done(null, qs.parse(body as string, QS_OPTIONS));
      } catch (error) {
        done(error as Error, undefined);
      }
    },
  );
  await scope.register(multipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    onFile: countFile,
    limits: {
      fileSize: MAX_UPLOAD_BYTES,
      files: 10,
      fields: 100,
      fieldSize: 1024 * 1024,
      parts: 110,
      headerPairs: 200,
    },
  });
}

function normalize(value: unknown): unknown {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  return value;
}

/**
 * The request input as Laravel's middleware leaves it: strings trimmed, empty strings null (top level and one level
 * of arrays), multipart's PHP-style keys nested like PHP does, and the last of repeated plain keys kept.
 */
export function inputOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {};
  let source = body as Record<string, unknown>;
  if (request.headers['content-type']?.startsWith('multipart/')) {
    let bracketed = false;
    const flat: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(source)) {
      if (key.includes('[')) bracketed = true;
      flat[key] = Array.isArray(value) && !key.includes('[') ? value[value.length - 1] : value;
    }
    source = bracketed
      ? (qs.parse(flat as Record<string, string>, QS_OPTIONS) as Record<string, unknown>)
      : flat;
  }
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    input[key] = Array.isArray(value) ? value.map(normalize) : normalize(value);
  }
  return input;
}

/** One query-string value; repeated keys (`?page=1&page=2`) keep the last, as PHP does. */
export function queryValue(request: FastifyRequest, name: string): string | undefined {
  const raw = (request.query as Record<string, unknown> | undefined)?.[name];
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  return typeof value === 'string' ? value.trim() : undefined;
}
