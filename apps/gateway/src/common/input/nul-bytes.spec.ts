import { parse } from 'graphql';
import { nulByteArgumentPaths } from './nul-bytes.graphql.js';
import { nulByteError, nulBytePaths } from './nul-bytes.js';

describe('nulBytePaths', () => {
  it('names every string and key with a NUL byte by its path, arrays by index', () => {
    expect(
      nulBytePaths({ a: 'ok', b: 'x\u0000', c: [{ d: '\u0000' }, 'y'], ['k\u0000']: 1, n: null, m: 5 }),
    ).toEqual(['b', 'c.0.d', 'k\\u0000']);
  });

  it('names a bare string by the path it was given, and finds nothing in clean input', () => {
    expect(nulBytePaths('a\u0000', 'id')).toEqual(['id']);
    expect(nulBytePaths({ a: ['b', { c: 'd' }] })).toEqual([]);
    expect(nulBytePaths(undefined)).toEqual([]);
  });

  it('stops walking past 64 levels but still finds a NUL below, without overflowing the stack', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(nulBytePaths({ d: deep })).toHaveLength(1);
    let clean: unknown = 'a';
    for (let i = 0; i < 100; i++) clean = [clean];
    expect(nulBytePaths({ d: clean })).toEqual([]);
    let huge: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) huge = [huge];
    expect(() => nulBytePaths(huge)).not.toThrow();
  });
});

describe('nulByteError', () => {
  it('is BAD_USER_INPUT with one message per field, or nothing', () => {
    expect(nulByteError([])).toBeUndefined();
    const error = nulByteError(['text', 'text', ''])!;
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.httpStatus).toBe(400);
    expect(Object.keys(error.details.fields!)).toEqual(['text', '(root)']);
    expect(error.message).toMatch(/^text, \(root\): must not contain a NUL byte/);
  });
});

describe('nulByteArgumentPaths', () => {
  const paths = (query: string, variables?: Record<string, unknown>) =>
    nulByteArgumentPaths(parse(query), variables);

  it('looks into literals, variables, defaults, lists and objects', () => {
    expect(paths('{ a(x: "\\u0000", y: ["ok", "\\u0000"], z: {w: "\\u0000"}) }')).toEqual([
      'x',
      'y.1',
      'z.w',
    ]);
    expect(paths('query($v: In) { a(input: $v) }', { v: { t: ['\u0000'] } })).toEqual(['input.t.0']);
    expect(paths('query($v: String = "\\u0000") { a(s: $v) }')).toEqual(['s']);
    expect(paths('query($v: String = "\\u0000") { a(s: $v) }', { v: 'clean' })).toEqual([]);
  });

  it('ignores variables no argument uses and non-string literals', () => {
    expect(paths('query($v: String) { a(n: 1, b: true, e: ENUM, z: null) }', { v: '\u0000' })).toEqual([]);
  });
});
