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

const BY_DIGITS = new Map(MAGIC_NUMBERS.map((m) => [m.digits, m.fate]));

export function digitsOf(phone: string): string {
  return phone.replace(/\D/g, '');
}

export function fateOf(phone: string): RecipientFate {
  return BY_DIGITS.get(digitsOf(phone)) ?? RecipientFate.NORMAL;
}
