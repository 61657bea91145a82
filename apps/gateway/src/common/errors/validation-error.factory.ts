import type { ValidationError } from 'class-validator';
import { GatewayErrorCode } from './error-codes.js';
import { GatewayError } from './gateway-error.js';

/**
 * class-validator constraints that say the value has the wrong type. When one fails, the range and length checks of
 * the same field say nothing true (`first=abc` is neither "less than 1" nor "greater than 100"), so only it is kept.
 */
const TYPE_CONSTRAINTS = new Set([
  'isInt',
  'isNumber',
  'isString',
  'isBoolean',
  'isDate',
  'isEnum',
  'isArray',
  'isObject',
  'nestedValidation',
]);

/** The messages worth reading for one field: its type errors alone when it has any, else all. */
export function fieldMessages(constraints: Record<string, string>): string[] {
  const typeErrors = Object.entries(constraints).filter(([name]) => TYPE_CONSTRAINTS.has(name));
  return (typeErrors.length > 0 ? typeErrors : Object.entries(constraints)).map(([, message]) => message);
}

function collect(errors: ValidationError[], prefix: string, out: Record<string, string[]>): void {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out[path] = fieldMessages(error.constraints);
    if (error.children?.length) collect(error.children, path, out);
  }
}

/** ValidationPipe's errors as BAD_USER_INPUT naming every offending field. */
export function validationErrorFactory(errors: ValidationError[]): GatewayError {
  const fields: Record<string, string[]> = {};
  collect(errors, '', fields);
  const summary = Object.entries(fields)
    .map(([field, messages]) => `${field}: ${messages.join(', ')}`)
    .join('; ');
  return new GatewayError(GatewayErrorCode.BAD_USER_INPUT, summary || 'invalid input', { fields });
}
