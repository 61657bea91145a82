import { capabilityTable } from '@app/providers';
import { GatewayError } from '../common/errors/gateway-error.js';
import {
  codeMatches,
  generateCode,
  sealCode,
  verificationModeOf,
  verificationText,
} from './verification-code.js';

describe('verification codes', () => {
  it('generates numeric codes of exactly the asked length, leading zeros kept', () => {
    for (const length of [4, 6, 8]) {
      const codes = Array.from({ length: 200 }, () => generateCode(length));
      for (const code of codes) expect(code).toMatch(new RegExp(`^\\d{${length}}$`));
      expect(new Set(codes).size).toBeGreaterThan(150);
    }
    const fours = Array.from({ length: 5000 }, () => generateCode(4));
    expect(fours.some((c) => c.startsWith('0'))).toBe(true);
  });

  it('keeps a salted hash that matches the code and nothing else', () => {
    const sealed = sealCode('123456');
    expect(sealed.codeHash).not.toContain('123456');
    expect(sealed.codeSalt).toMatch(/^[0-9a-f]{32}$/);
    expect(codeMatches('123456', sealed)).toBe(true);
    expect(codeMatches('123457', sealed)).toBe(false);
    expect(codeMatches('0123456', sealed)).toBe(false);
    expect(codeMatches('123456', { codeSalt: null, codeHash: sealed.codeHash })).toBe(false);
    expect(sealCode('123456').codeHash).not.toBe(sealed.codeHash);
  });

  it('words the text with the brand or "verification"', () => {
    expect(verificationText('0042', 'Acme')).toBe('0042 is your Acme code');
    expect(verificationText('0042', undefined)).toBe('0042 is your verification code');
  });

  it('runs natively with otp, in gateway mode with text, and refuses a provider with neither', () => {
    expect(verificationModeOf('watsal', capabilityTable(['otp', 'template']))).toBe('native');
    expect(verificationModeOf('watsal', capabilityTable(['otp', 'text']))).toBe('native');
    expect(verificationModeOf('wessaal', capabilityTable(['text']))).toBe('gateway');
    let thrown: unknown;
    try {
      verificationModeOf('mute', capabilityTable(['template', 'message_status']));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    expect(thrown).toMatchObject({
      code: 'UNSUPPORTED_CAPABILITY',
      httpStatus: 422,
      details: { provider: 'mute', capability: 'otp' },
    });
  });
});
