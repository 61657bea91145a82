import { digitsToE164, parseE164 } from './phone.js';
import { ProviderErrorCode } from './provider-error.js';

describe('parseE164', () => {
  it.each([
    ['+966500000000', '966', '500000000'],
    ['+201012345678', '20', '1012345678'],
    ['+989121234567', '98', '9121234567'],
    ['+14155552671', '1', '4155552671'],
  ])('splits %s into country code %s and national number %s', (input, code, national) => {
    expect(parseE164(input, 'test')).toEqual({
      e164: input,
      countryCallingCode: code,
      nationalNumber: national,
      digits: input.slice(1),
    });
  });

  it.each(['966500000000', '+96650', '+1 415 555 2671', 'abc', '+15550001234', ''])(
    'rejects %p with VALIDATION_FAILED naming the field',
    (input) => {
      expect(() => parseE164(input, 'washeej', 'recipient')).toThrow(
        expect.objectContaining({
          code: ProviderErrorCode.VALIDATION_FAILED,
          provider: 'washeej',
          fieldErrors: { recipient: [expect.any(String)] },
        }),
      );
    },
  );
});

describe('digitsToE164', () => {
  it('adds the plus and drops separators', () => {
    expect(digitsToE164('989121234567')).toBe('+989121234567');
    expect(digitsToE164('98 912-123-4567')).toBe('+989121234567');
  });
});
