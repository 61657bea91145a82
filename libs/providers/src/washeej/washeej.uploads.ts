import type { FileField } from '../core/http-client.js';
import { ProviderError, ProviderErrorCode } from '../core/provider-error.js';

/** A file to upload: the platform takes media as multipart files, never as links. */
export interface WasheejUpload {
  data: Uint8Array;
  filename: string;
  contentType: string;
}

export type WasheejUploadField = 'image' | 'document' | 'video' | 'audio' | 'profile_image';

interface UploadRule {
  /** Laravel `mimes:` list; undefined accepts any type. */
  extensions?: readonly string[];
  /** Laravel `max:` in kilobytes, times 1024; undefined means no limit. */
  maxBytes?: number;
}

const MB = 1024 * 1024;

/** The server's own rules (send-message and contact store validators), checked here to save a round trip. */
const UPLOAD_RULES: Readonly<Record<WasheejUploadField, UploadRule>> = {
  image: { extensions: ['jpg', 'jpeg', 'png'], maxBytes: 5 * MB },
  document: { extensions: ['pdf', 'doc', 'docx'], maxBytes: 100 * MB },
  video: { extensions: ['mp4'], maxBytes: 16 * MB },
  audio: { maxBytes: 16 * MB },
  profile_image: { extensions: ['jpg', 'jpeg', 'png'] },
};

/** Laravel's `mimes:` rule sniffs the content type, so a matching content type is accepted as well as a name. */
const EXTENSIONS_BY_CONTENT_TYPE: Readonly<Record<string, readonly string[]>> = {
  'image/jpeg': ['jpg', 'jpeg'],
  'image/jpg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/pdf': ['pdf'],
  'application/msword': ['doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'video/mp4': ['mp4'],
};

/** A request the server would refuse anyway, refused here without a call; names the field like the server. */
export function washeejValidationError(provider: string, field: string, why: string): ProviderError {
  return new ProviderError(ProviderErrorCode.VALIDATION_FAILED, {
    provider,
    message: `${provider}: ${field}: ${why}`,
    fieldErrors: { [field]: [why] },
  });
}

function hasAllowedType(upload: WasheejUpload, extensions: readonly string[]): boolean {
  const extension = /\.([a-z0-9]+)$/i.exec(upload.filename)?.[1]?.toLowerCase();
  if (extension && extensions.includes(extension)) return true;
  const contentType = upload.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (EXTENSIONS_BY_CONTENT_TYPE[contentType] ?? []).some((ext) => extensions.includes(ext));
}

/** Checks an upload against the server's rules and returns it as a multipart file part. */
export function uploadPart(provider: string, field: WasheejUploadField, upload: WasheejUpload): FileField {
  const rule = UPLOAD_RULES[field];
  if (!(upload.data instanceof Uint8Array) || upload.data.byteLength === 0) {
    throw washeejValidationError(provider, field, 'the file is empty');
  }
  if (!upload.filename.trim()) throw washeejValidationError(provider, field, 'the file needs a name');
  if (rule.extensions && !hasAllowedType(upload, rule.extensions)) {
    throw washeejValidationError(
      provider,
      field,
      `"${upload.filename}" (${upload.contentType}) is not one of ${rule.extensions.join(', ')}`,
    );
  }
  if (rule.maxBytes !== undefined && upload.data.byteLength > rule.maxBytes) {
    throw washeejValidationError(
      provider,
      field,
      `"${upload.filename}" is ${upload.data.byteLength} bytes; the limit is ${rule.maxBytes / MB} MB`,
    );
  }
  return { field, filename: upload.filename, contentType: upload.contentType, data: upload.data };
}
