import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { ProviderError, ProviderErrorCode } from './provider-error.js';

export interface SplitPhone {
  /** E.164 with the leading `+`. */
  e164: string;
  /** Country calling code without `+`, e.g. `966`. */
  countryCallingCode: string;
  /** National significant number, e.g. `500000000`. */
  nationalNumber: string;
  /** E.164 without the `+`, the form WaMessenger and Washeej's from_number use. */
  digits: string;
}

/**
 * Every recipient in the unified vocabulary is E.164 (`+` and digits). Parsing uses libphonenumber's metadata so
 * Washeej's mobile_code/mobile split is right for every country, not a hand-kept table.
 */
export function parseE164(input: string, provider: string, field = 'to'): SplitPhone {
  const invalid = (why: string): ProviderError =>
    new ProviderError(ProviderErrorCode.VALIDATION_FAILED, {
      provider,
      message: `${field}: ${why}`,
      fieldErrors: { [field]: [why] },
    });
  if (typeof input !== 'string' || !/^\+\d{6,15}$/.test(input.trim())) {
    throw invalid(`"${String(input)}" is not an E.164 number (expected + followed by 6 to 15 digits)`);
  }
  const parsed = parsePhoneNumberFromString(input.trim());
  if (!parsed || !parsed.isValid()) throw invalid(`"${input}" is not a valid phone number`);
  return {
    e164: parsed.number,
    countryCallingCode: parsed.countryCallingCode,
    nationalNumber: parsed.nationalNumber,
    digits: parsed.number.slice(1),
  };
}

/** Best effort the other way: provider digits (no `+`) back to E.164; leaves unparseable input as `+digits`. */
export function digitsToE164(digits: string): string {
  const clean = digits.replace(/[^\d]/g, '');
  const parsed = parsePhoneNumberFromString(`+${clean}`);
  return parsed?.number ?? `+${clean}`;
}
