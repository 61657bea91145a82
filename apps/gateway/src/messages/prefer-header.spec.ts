import { prefersRespondAsync } from './prefer-header.js';

describe('prefersRespondAsync', () => {
  it.each([
    ['respond-async', true],
    ['Respond-Async', true],
    [' respond-async ; wait=10', true],
    ['return=minimal, respond-async', true],
    ['respond-async=1', true],
    ['return=representation', false],
    ['respond-asynchronously', false],
    ['', false],
  ])('%j → %s', (header, expected) => {
    expect(prefersRespondAsync(header)).toBe(expected);
  });

  it('reads repeated headers and an absent one', () => {
    expect(prefersRespondAsync(['return=minimal', 'respond-async'])).toBe(true);
    expect(prefersRespondAsync(undefined)).toBe(false);
  });
});
