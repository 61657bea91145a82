/**
 * Test recipients with a known fate, like a payment provider's test cards. Compared on digits only, so
 * `+966500000001`, `966500000001` and mobile_code 966 + mobile 500000001 are the same number.
 */
export enum RecipientFate {
  NORMAL = 'normal',
  FAILS = 'fails',
  BLOCKED = 'blocked',
  NEVER_DELIVERED = 'never_delivered',
  READS_INSTANTLY = 'reads_instantly',
}

export const MAGIC_NUMBERS: ReadonlyArray<{ digits: string; fate: RecipientFate; meaning: string }> = [
  {
    digits: '966500000001',
    fate: RecipientFate.FAILS,
    meaning: 'accepted, then delivery fails (Wessaal refunds the credit)',
  },
  {
    digits: '966500000002',
    fate: RecipientFate.BLOCKED,
    meaning: 'the contact is blocked: the send is refused',
  },
  {
    digits: '966500000003',
    fate: RecipientFate.NEVER_DELIVERED,
    meaning: 'reaches the server but never the phone: stays sent',
  },
  { digits: '966500000004', fate: RecipientFate.READS_INSTANTLY, meaning: 'delivered and read at once' },
];

export function digitsOf(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** Every send asks, so the digits are compared in place against each magic number (no digits-only string built). */
export function fateOf(phone: string): RecipientFate {
  for (let i = 0; i < MAGIC_NUMBERS.length; i++) {
    const magic = MAGIC_NUMBERS[i]!;
    if (sameDigits(phone, magic.digits)) return magic.fate;
  }
  return RecipientFate.NORMAL;
}

/** Whether `phone`'s digits, every other character skipped, are exactly `digits` (what `digitsOf` compares). */
function sameDigits(phone: string, digits: string): boolean {
  let matched = 0;
  for (let i = 0; i < phone.length; i++) {
    const c = phone.charCodeAt(i);
    if (c < 48 || c > 57) continue; // not 0-9
    if (matched === digits.length || c !== digits.charCodeAt(matched)) return false;
    matched++;
  }
  return matched === digits.length;
}
