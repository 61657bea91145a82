import type { ValidationError } from 'class-validator';
import { GatewayErrorCode } from './error-codes.js';
import { GatewayError } from './gateway-error.js';

function collect(errors: ValidationError[], prefix: string, out: Record<string, string[]>): void {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out[path] = Object.values(error.constraints);
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
