import { invalidRequest, validationError } from './errors.js';

/** E.164: a plus, a non-zero digit, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{1,14}$/;
const OTP_CODE = /^\d{4,8}$/;

export const DEFAULT_CODE_LENGTH = 6;

type Body = Record<string, unknown>;

export interface VerifySendInput {
  phone: string;
  length: number;
  brandName: string | undefined;
}

export interface VerifyCheckInput {
  requestId: string;
  code: string;
}

export interface NotificationInput {
  phone: string;
  template: string;
  variables: Record<string, string | number>;
}

/** The body must be a JSON object (not an array, string, number or null). */
export function objectBody(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw invalidRequest('The request body must be a JSON object.');
  return body as Body;
}

const absent = (value: unknown): boolean => value === undefined || value === null;

function requiredString(body: Body, field: string): string {
  const value = body[field];
  if (absent(value) || value === '') throw validationError(field, `The ${field} field is required.`);
  if (typeof value !== 'string') throw validationError(field, `The ${field} field must be a string.`);
  return value;
}

function phone(body: Body): string {
  const value = requiredString(body, 'phone');
  if (!E164.test(value))
    throw validationError('phone', 'The phone must be an E.164 phone number, e.g. +201012345678.');
  return value;
}

export function verifySendInput(raw: unknown): VerifySendInput {
  const body = objectBody(raw);
  const to = phone(body);
  const length = body.length;
  if (
    !absent(length) &&
    (typeof length !== 'number' || !Number.isInteger(length) || length < 4 || length > 8)
  )
    throw validationError('length', 'The length must be an integer between 4 and 8.');
  const brand = body.brand_name;
  if (!absent(brand) && typeof brand !== 'string')
    throw validationError('brand_name', 'The brand_name field must be a string.');
  return {
    phone: to,
    length: absent(length) ? DEFAULT_CODE_LENGTH : (length as number),
    brandName: typeof brand === 'string' && brand.trim() !== '' ? brand.trim() : undefined,
  };
}

export function verifyCheckInput(raw: unknown): VerifyCheckInput {
  const body = objectBody(raw);
  const requestId = requiredString(body, 'request_id');
  const code = requiredString(body, 'code');
  if (!OTP_CODE.test(code)) throw validationError('code', 'The code must be a string of 4 to 8 digits.');
  return { requestId, code };
}

export function notificationInput(raw: unknown): NotificationInput {
  const body = objectBody(raw);
  const to = phone(body);
  const template = requiredString(body, 'template');
  const variables = body.variables;
  if (absent(variables)) return { phone: to, template, variables: {} };
  if (typeof variables !== 'object' || Array.isArray(variables))
    throw validationError('variables', 'The variables field must be an object.');
  for (const [key, value] of Object.entries(variables as Body)) {
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) continue;
    throw validationError('variables', `The variable "${key}" must be a string or a number.`);
  }
  return { phone: to, template, variables: variables as Record<string, string | number> };
}
