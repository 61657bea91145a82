import Validator from 'validatorjs';

/**
 * Validation with validatorjs (its messages follow Laravel's), rule objects built once at module load. A few
 * messages are replaced by Laravel's own wording where validatorjs differs or has none.
 */
export type FieldErrors = Record<string, string[]>;
export type Rules = Validator.Rules;

const PHONE = /^\+?[1-9]\d{7,14}$/;
const JID = /^[\d-]{5,40}@(?:s\.whatsapp\.net|g\.us)$/;
const HEX_COLOR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const DIGITS = /^\d{5,20}$/;
/** Most items a wildcard rule (`values.*`) is expanded for; past it the array's own max rule answers. */
const WILDCARD_LIMIT = 100;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A phone number (E.164, `+` optional) or a WhatsApp JID (person or group). */
export function isRecipient(value: unknown): value is string {
  return typeof value === 'string' && (PHONE.test(value) || JID.test(value));
}

export function isPhone(value: unknown): value is string {
  return typeof value === 'string' && PHONE.test(value);
}

// Prefixed names: validatorjs keeps custom rules in one process-wide registry.
Validator.register(
  'wessaal_ref',
  (v: unknown) => typeof v === 'string' || Number.isInteger(v),
  'The :attribute must be an integer or a string.',
);
Validator.register('wessaal_recipient', isRecipient, 'The :attribute format is invalid.');
Validator.register('wessaal_phone', isPhone, 'The :attribute format is invalid.');
Validator.register('wessaal_object', isPlainObject, 'The :attribute must be an array.');
Validator.register(
  'wessaal_hex_color',
  (v: unknown) => typeof v === 'string' && HEX_COLOR.test(v),
  'The :attribute format is invalid.',
);
Validator.register(
  'wessaal_digits',
  (v: unknown) => typeof v === 'string' && DIGITS.test(v),
  'The :attribute format is invalid.',
);
// validatorjs' integer and numeric rules accept `[5]` (String([5]) === '5'); Laravel's do not.
const notList = (v: unknown) => typeof v !== 'object';
Validator.register('wessaal_int', notList, 'The :attribute must be an integer.');
Validator.register('wessaal_num', notList, 'The :attribute must be a number.');
Validator.register(
  'wessaal_quoted',
  (v: unknown) =>
    isPlainObject(v) && isPlainObject(v.key) && typeof v.key.id === 'string' && v.key.id.length > 0,
  'The :attribute.key.id field is required.',
);
Validator.register(
  'wessaal_strings',
  (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string'),
  'The :attribute must be an array of strings.',
);

const ITEMS_MESSAGES: Validator.ErrorMessages = {};
for (const field of ['values', 'messages', 'contacts', 'buttons']) {
  ITEMS_MESSAGES[`min.${field}`] = 'The :attribute must have at least :min items.';
  ITEMS_MESSAGES[`max.${field}`] = 'The :attribute may not have more than :max items.';
}

const MESSAGES: Validator.ErrorMessages = {
  ...ITEMS_MESSAGES,
  required_without: 'The :attribute field is required when :field is not present.',
  boolean: 'The :attribute field must be true or false.',
  array: 'The :attribute must be an array.',
  email: 'The :attribute must be a valid email address.',
  between: {
    numeric: 'The :attribute must be between :min and :max.',
    string: 'The :attribute must be between :min and :max characters.',
  },
};

/** The instance method takes the attributes to stop on (@types/validatorjs gives it the callback signature). */
type StopOnError = (this: Validator.Validator<unknown>, attributes: boolean | string[]) => void;

/** Runs validatorjs; the errors map (`{field: [messages]}`) or undefined when the input passes. */
export function validate(input: Record<string, unknown>, rules: Rules): FieldErrors | undefined {
  const validator = new Validator(input, expandable(input, rules), MESSAGES);
  // One message per field: past a failed type check, Laravel's size rules measure the raw string and pass.
  (validator.stopOnError as unknown as StopOnError).call(validator, true);
  return validator.passes() ? undefined : validator.errors.all();
}

/** Drops wildcard rules (`values.*`) whose parent is not an array, or too long to expand item by item. */
function expandable(input: Record<string, unknown>, rules: Rules): Rules {
  let out: Rules | undefined;
  for (const key of Object.keys(rules)) {
    const star = key.indexOf('.*');
    if (star < 0) continue;
    const parent = input[key.slice(0, star)];
    if (Array.isArray(parent) && parent.length <= WILDCARD_LIMIT) continue;
    out ??= { ...rules };
    delete out[key];
  }
  return out ?? rules;
}

/** Laravel's boolean rule accepts true/false, 1/0, "1"/"0", "true"/"false". */
export function toBool(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null || value === '') return fallback;
  return value === true || value === 1 || value === '1' || value === 'true';
}

/** An integer field that passed the `integer` rule (which also accepts numeric strings). */
export function toInt(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number.parseInt(String(value), 10);
  return Number.isFinite(n) ? n : undefined;
}

export function asObject(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}
