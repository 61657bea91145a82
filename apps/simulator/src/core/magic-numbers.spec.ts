import { digitsOf, fateOf, MAGIC_NUMBERS, RecipientFate } from './magic-numbers.js';

describe('fateOf', () => {
  it('matches a magic number on its digits only, whatever the punctuation', () => {
    expect(fateOf('+966500000002')).toBe(RecipientFate.BLOCKED);
    expect(fateOf('966 50 000 0001')).toBe(RecipientFate.FAILS);
    expect(fateOf('(966) 500-000-003')).toBe(RecipientFate.NEVER_DELIVERED);
    expect(fateOf('+966500000004')).toBe(RecipientFate.READS_INSTANTLY);
  });

  it('is NORMAL for a prefix, an extension or any other number', () => {
    expect(fateOf('+96650000000')).toBe(RecipientFate.NORMAL);
    expect(fateOf('+9665000000021')).toBe(RecipientFate.NORMAL);
    expect(fateOf('+966501234567')).toBe(RecipientFate.NORMAL);
    expect(fateOf('')).toBe(RecipientFate.NORMAL);
  });

  it('agrees with a lookup of digitsOf for every magic number and its neighbours', () => {
    const byDigits = new Map(MAGIC_NUMBERS.map((m) => [m.digits, m.fate]));
    for (const { digits } of MAGIC_NUMBERS) {
      for (const phone of [digits, `+${digits}`, `${digits}0`, digits.slice(1), `x${digits}y`]) {
        expect(fateOf(phone)).toBe(byDigits.get(digitsOf(phone)) ?? RecipientFate.NORMAL);
      }
    }
  });
});
