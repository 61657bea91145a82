import { ALL_SCOPES, ApiScope } from '../auth/scopes.js';
import {
  UsageError,
  describeRetention,
  newApiKey,
  parseExpiry,
  parseRetention,
  parseScopes,
} from './admin-commands.js';

describe('admin command arguments', () => {
  it('makes keys with a recognizable prefix and 192 random bits', () => {
    const live = newApiKey('live');
    expect(live).toMatch(/^gw_live_[A-Za-z0-9_-]{32}$/);
    expect(newApiKey('test')).toMatch(/^gw_test_[A-Za-z0-9_-]{32}$/);
    expect(newApiKey('live')).not.toBe(live);
  });

  it('parses scopes, defaulting to all and refusing unknown or empty lists', () => {
    expect(parseScopes(undefined)).toEqual(ALL_SCOPES);
    expect(parseScopes('send, read,send')).toEqual([ApiScope.SEND, ApiScope.READ]);
    expect(() => parseScopes('send,admin')).toThrow(/unknown scope "admin"/);
    expect(() => parseScopes(',')).toThrow(UsageError);
  });

  it('parses an ISO-8601 expiry in the future', () => {
    const now = Date.UTC(2030, 0, 1);
    expect(parseExpiry(undefined, now)).toBeNull();
    expect(parseExpiry('2030-02-01T00:00:00Z', now)?.toISOString()).toBe('2030-02-01T00:00:00.000Z');
    expect(() => parseExpiry('next week', now)).toThrow(UsageError);
    expect(() => parseExpiry('2029-12-31T00:00:00Z', now)).toThrow(/in the past/);
  });

  it('parses a tenant retention: days, keep (0, forever) or default (null, the global setting)', () => {
    expect(parseRetention('30')).toBe(30);
    expect(parseRetention('36500')).toBe(36_500);
    expect(parseRetention('keep')).toBe(0);
    expect(parseRetention('default')).toBeNull();
    for (const bad of ['0', '-3', '1.5', '36501', 'forever', '', '1e3'])
      expect(() => parseRetention(bad)).toThrow(UsageError);
    expect([30, 0, null].map(describeRetention)).toEqual([
      'retention 30d',
      'retention keep',
      'retention default',
    ]);
  });
});
