import { GatewayError } from '../../common/errors/gateway-error.js';

const PROVIDER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** A provider-side id (contact, conversation, instance id or name, ...) as it may appear in a provider's path. */
export function checkProviderId(field: string, value: string): string {
  if (!PROVIDER_ID.test(value)) {
    throw GatewayError.badInput(field, 'must be 1–64 letters, digits, dots, dashes, colons or underscores');
  }
  return value;
}
