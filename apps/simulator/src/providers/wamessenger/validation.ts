/**
 * Input rules of WaMessenger's methods. Fields arrive as strings (form, multipart) or JSON values; a JSON number is
 * taken where the doc says String or Long, as the provider's PHP would. Anything else is `Bad Request`.
 */
const PHONE = /^\+?\d{7,15}$/;
const ID = /^\d{1,15}$/;
const PAGE = /^\d{1,9}$/;
const FILTER = /^\+?\d{1,15}$/;

/** Recipients of one group send, at most (undocumented; the simulator's cap). */
export const MAX_GROUP = 1_000;

/** Formats the doc lists, plus the images its own examples send (`image.jpeg`). MP4 and GIF are "soon": refused. */
const SUPPORTED_EXTENSIONS = new Set([
  'mp3',
  'aac',
  'opus',
  'ogg',
  'pdf',
  'xls',
  'xlsx',
  'doc',
  'docx',
  'ppt',
  'pptx',
  '3gp',
  'amr',
  'wav',
  'webp',
  'zip',
  'rar',
  'exe',
  'apk',
  'jpg',
  'jpeg',
  'png',
]);

export type SendInput =
  | { kind: 'single'; phonenumber: string; text: string; url: string | undefined }
  | { kind: 'group'; phonenumbers: string[]; text: string; url: string | undefined }
  | { kind: 'bad' }
  | { kind: 'unsupported-format' };

function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function phone(value: unknown): string | undefined {
  const raw = scalar(value)?.trim();
  if (raw === undefined || !PHONE.test(raw)) return undefined;
  return raw.startsWith('+') ? raw.slice(1) : raw;
}

/** `ok` with the url (or undefined when absent), `bad` when not an http(s) URL, `format` when the type is refused. */
function mediaUrl(
  value: unknown,
): { ok: true; url: string | undefined } | { ok: false; why: 'bad' | 'format' } {
  if (value === undefined || value === '') return { ok: true, url: undefined };
  const raw = scalar(value)?.trim();
  if (!raw || raw.length > 2048) return { ok: false, why: 'bad' };
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return { ok: false, why: 'bad' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, why: 'bad' };
  const name = parsed.pathname.slice(parsed.pathname.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  // No extension: a dynamic link; the real service looks at what it downloads, so it is accepted.
  if (dot < 0) return { ok: true, url: raw };
  return SUPPORTED_EXTENSIONS.has(name.slice(dot + 1).toLowerCase())
    ? { ok: true, url: raw }
    : { ok: false, why: 'format' };
}

export function parseSend(body: unknown): SendInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { kind: 'bad' };
  const fields = body as Record<string, unknown>;
  const text = scalar(fields.text);
  if (text === undefined || text === '') return { kind: 'bad' };
  const media = mediaUrl(fields.url);
  const numbers = fields.phonenumber;
  if (Array.isArray(numbers)) {
    if (numbers.length === 0 || numbers.length > MAX_GROUP) return { kind: 'bad' };
    const phonenumbers: string[] = [];
    for (const item of numbers) {
      const digits = phone(item);
      if (digits === undefined) return { kind: 'bad' };
      phonenumbers.push(digits);
    }
    // The group table marks url "mandatory", yet the doc's answers and a public client send text-only groups:
    // url is as optional as in the single send (README, deviations), so those clients work unmodified.
    if (!media.ok) return { kind: media.why === 'bad' ? 'bad' : 'unsupported-format' };
    return { kind: 'group', phonenumbers, text, url: media.url };
  }
  const phonenumber = phone(numbers);
  if (phonenumber === undefined) return { kind: 'bad' };
  if (!media.ok) return { kind: media.why === 'bad' ? 'bad' : 'unsupported-format' };
  return { kind: 'single', phonenumber, text, url: media.url };
}

/** A message id (Long); undefined when missing or not a number. */
export function parseId(value: unknown): number | undefined {
  return typeof value === 'string' && ID.test(value) ? Number(value) : undefined;
}

/** `page` (default 1); undefined when present but not a positive number. */
export function parsePage(value: unknown): number | undefined {
  if (value === undefined || value === '') return 1;
  if (typeof value !== 'string' || !PAGE.test(value)) return undefined;
  const page = Number(value);
  return page >= 1 ? page : undefined;
}

export type PhoneFilter = (digits: string) => boolean;

/**
 * `phonenumber` search: a number or its prefix, international (98912...) or local (0912..., 912...). Matches a
 * number that starts with the given digits, or with 98 followed by them without their leading zero.
 * Returns null when absent, undefined when invalid.
 */
export function parsePhoneFilter(value: unknown): PhoneFilter | null | undefined {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !FILTER.test(value)) return undefined;
  const digits = value.startsWith('+') ? value.slice(1) : value;
  const international = `98${digits.replace(/^0+/, '')}`;
  return (number) => number.startsWith(digits) || number.startsWith(international);
}

/** `on` / `off` of sendSeen and receive; undefined otherwise. */
export function parseSwitch(value: unknown): boolean | undefined {
  if (value === 'on') return true;
  if (value === 'off') return false;
  return undefined;
}

/** A webhook URL worth storing: absolute http(s). */
export function isWebhookUrl(value: string): boolean {
  if (value.length > 2048) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
