import type { FieldErrors } from '../core/provider-error.js';

/**
 * The platform reports validation failures as Laravel's flat sentence list (`$validator->errors()->all()`), not as
 * a per-field map. Laravel writes the attribute with spaces for underscores ("The mobile code field is required."),
 * so the request's own field names are matched first, longest first ("mobile code" before "mobile").
 */
const REQUEST_FIELDS = [
  'interactive_list_id',
  'header_variables',
  'body_variables',
  'profile_image',
  'from_number',
  'mobile_code',
  'template_id',
  'cta_url_id',
  'post_code',
  'firstname',
  'lastname',
  'latitude',
  'longitude',
  'document',
  'paginate',
  'address',
  'message',
  'search',
  'status',
  'mobile',
  'image',
  'video',
  'audio',
  'state',
  'city',
  'page',
];

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const KNOWN_FIELD_PATTERNS = REQUEST_FIELDS.map((field) => ({
  field,
  // "the selected status", "the body variables.0" (array items keep their index), "the mobile_code".
  pattern: new RegExp(
    `^the (?:selected )?(?:${escapeRegExp(field.replace(/_/g, ' '))}|${escapeRegExp(field)})((?:\\.\\w+)*)(?=[\\s.,]|$)`,
    'i',
  ),
}));

/**
 * Any other Laravel sentence: "The <attribute> field …", "The <attribute> has already been taken.", "The selected
 * <attribute> is invalid."; a bare "is" is left out so plain sentences ("The account is not found") name no field.
 */
const GENERIC_PATTERN =
  /^the (?:selected )?([a-z0-9_.]+(?: [a-z0-9_.]+){0,3}?) (?:field|has|must|may|format|does|should|contains|confirmation|is invalid|is not a valid)\b/i;

/** The field a sentence is about, or undefined when it names none. */
export function fieldOfSentence(sentence: string): string | undefined {
  const text = sentence.trim();
  for (const { field, pattern } of KNOWN_FIELD_PATTERNS) {
    const match = pattern.exec(text);
    if (match) return field + (match[1] ?? '');
  }
  const generic = GENERIC_PATTERN.exec(text);
  return generic?.[1] ? generic[1].toLowerCase().replace(/ /g, '_') : undefined;
}

/** Groups the sentences by the field they name; sentences naming no field go under `_`. */
export function fieldErrorsFromSentences(sentences: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const sentence of sentences) {
    const field = fieldOfSentence(sentence) ?? '_';
    (errors[field] ??= []).push(sentence);
  }
  return errors;
}
