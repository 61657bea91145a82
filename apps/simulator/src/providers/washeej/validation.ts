import Validator from 'validatorjs';
import { UploadedFile } from './body.js';

const COUNTRY_CODE = /^\d{1,4}$/;
const DIGITS = /^\d+$/;
const INTEGER = /^\d{1,9}$/;

const isScalar = (value: unknown): value is string | number =>
  typeof value === 'string' || typeof value === 'number';

// Registered once on validatorjs (names prefixed so other providers' rules cannot clash); messages are Laravel's.
Validator.register(
  'washeej_country_code',
  (value) => isScalar(value) && COUNTRY_CODE.test(String(value)),
  'The :attribute format is invalid.',
);
Validator.register(
  'washeej_digits',
  (value) => isScalar(value) && DIGITS.test(String(value)),
  'The :attribute format is invalid.',
);

// `between` with `numeric` as Laravel applies it: a value that is not a number is left to the `numeric` message.
for (const [name, limit] of [
  ['washeej_latitude', 90],
  ['washeej_longitude', 180],
] as const) {
  Validator.register(
    name,
    (value) => !isScalar(value) || !Number.isFinite(Number(value)) || Math.abs(Number(value)) <= limit,
    `The :attribute must be between -${limit} and ${limit}.`,
  );
}

// Laravel's `max` on a string field: arrays and objects are left to the `string` message (Laravel would count them).
Validator.register(
  'washeej_max',
  (value, limit) => typeof value !== 'string' || value.length <= Number(limit),
  'The :attribute may not be greater than :washeej_max characters.',
);

/** Laravel's wording where validatorjs words it differently. */
const LARAVEL_MESSAGES: Validator.ErrorMessages = {
  array: 'The :attribute must be an array.',
  required_with: 'The :attribute field is required when :field is present.',
};

/** Laravel's displayable attribute name: `mobile_code` → `mobile code`. */
export const attributeName = (field: string): string => field.replace(/_/g, ' ');

/** Fields whose numbers a JSON client may send as numbers: validated as the strings a form would send. */
const STRINGIFY = ['mobile_code', 'mobile', 'from_number'];

/**
 * One validation pass with Laravel's output: validatorjs for the rules, extra messages (files, existence) added by
 * the routes, and a flat list of sentences in the order the fields are declared.
 */
export class Validation {
  private readonly errors: Record<string, string[]>;
  private readonly extra = new Map<string, string[]>();

  constructor(
    data: Record<string, unknown>,
    rules: Record<string, string>,
    private readonly order: readonly string[],
  ) {
    for (const field of STRINGIFY) {
      const value = data[field];
      if (typeof value === 'number' && Number.isFinite(value)) data[field] = String(value);
    }
    const validator = new Validator(data, rules, LARAVEL_MESSAGES);
    validator.passes();
    this.errors = validator.errors.all();
  }

  passed(field: string): boolean {
    return this.errors[field] === undefined && !this.extra.has(field);
  }

  add(field: string, message: string): void {
    const list = this.extra.get(field);
    if (list) list.push(message);
    else this.extra.set(field, [message]);
  }

  messages(): string[] {
    const out: string[] = [];
    const keys = Object.keys(this.errors);
    for (const field of this.order) {
      for (const key of keys) {
        if (key === field || key.startsWith(`${field}.`)) out.push(...this.errors[key]!);
      }
      const extra = this.extra.get(field);
      if (extra) out.push(...extra);
    }
    return out;
  }
}

export interface FileRule {
  /** Accepted extensions; any type when absent. */
  mimes?: readonly string[];
  /** Laravel `max:` in kilobytes; no limit when absent (the docs give none for a profile image). */
  maxKb?: number;
}

const EXTENSION_OF_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'video/mp4': 'mp4',
};

/**
 * Laravel's `mimes:` guesses the extension from the file's content, which a simulator does not sniff: the name's
 * extension or the declared content type may match (the client checks the same way).
 */
function hasAllowedType(file: UploadedFile, mimes: readonly string[]): boolean {
  const dot = file.filename.lastIndexOf('.');
  if (dot >= 0 && mimes.includes(file.filename.slice(dot + 1).toLowerCase())) return true;
  const byType = EXTENSION_OF_TYPE[file.mimetype.split(';')[0]!.trim().toLowerCase()];
  return byType !== undefined && (mimes.includes(byType) || (byType === 'jpg' && mimes.includes('jpeg')));
}

/** Laravel's `file|mimes:..|max:..` on one upload field (absent or null passes). */
export function checkFile(validation: Validation, field: string, value: unknown, rule: FileRule): void {
  if (value === undefined || value === null) return;
  const name = attributeName(field);
  if (!(value instanceof UploadedFile)) return validation.add(field, `The ${name} must be a file.`);
  if (rule.mimes && !hasAllowedType(value, rule.mimes)) {
    validation.add(field, `The ${name} must be a file of type: ${rule.mimes.join(', ')}.`);
  }
  if (rule.maxKb !== undefined && (value.truncated || value.size > rule.maxKb * 1024)) {
    validation.add(field, `The ${name} may not be greater than ${rule.maxKb} kilobytes.`);
  } else if (value.truncated) {
    validation.add(field, `The ${name} failed to upload.`);
  }
}

/** A positive integer id from a path segment or an input value, or undefined. */
export function idOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string' || !INTEGER.test(value)) return undefined;
  const id = Number(value);
  return id > 0 ? id : undefined;
}

/**
 * `body_variables` and `header_variables`: an array (JSON, or PHP-style `body_variables[0]=..`), or (as the docs' curl sample
 * sends it) a JSON-encoded array in a string. Anything else is left as is for the `array` rule to refuse.
 */
export function variablesOf(value: unknown): unknown {
  let list = value;
  if (typeof value === 'string' && value.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (Array.isArray(parsed)) list = parsed;
    } catch {
      return value;
    }
  }
  if (!Array.isArray(list)) return list;
  return list.map((item) => (typeof item === 'number' && Number.isFinite(item) ? String(item) : item));
}
