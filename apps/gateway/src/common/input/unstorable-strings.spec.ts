import { parse } from 'graphql';
import { documentNesting, unstorableArguments } from './graphql-input-checks.js';
import {
  LONE_SURROGATE_MESSAGE,
  NUL_BYTE_MESSAGE,
  unstorableInputError,
  unstorablePaths,
} from './unstorable-strings.js';

const paths = (value: unknown, path?: string) => unstorablePaths(value, path).map(([p]) => p);

describe('unstorablePaths', () => {
  it('names every string and key with a NUL byte by its path, arrays by index', () => {
    expect(
      paths({ a: 'ok', b: 'x\u0000', c: [{ d: '\u0000' }, 'y'], ['k\u0000']: 1, n: null, m: 5 }),
    ).toEqual(['b', 'c.0.d', 'k\\u0000']);
  });

  it('names unpaired surrogates, not the pairs of real characters', () => {
    expect(unstorablePaths({ a: '\ud800', b: 'x\udc00', c: '😀 ok', d: '\udc00\ud800' })).toEqual([
      ['a', LONE_SURROGATE_MESSAGE],
      ['b', LONE_SURROGATE_MESSAGE],
      ['d', LONE_SURROGATE_MESSAGE],
    ]);
  });

  it('names a bare string by the path it was given, and finds nothing in clean input', () => {
    expect(paths('a\u0000', 'id')).toEqual(['id']);
    expect(paths({ a: ['b', { c: 'd' }] })).toEqual([]);
    expect(paths(undefined)).toEqual([]);
  });

  it('stops walking past 64 levels but still finds a NUL below, without overflowing the stack', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(paths({ d: deep })).toHaveLength(1);
    let clean: unknown = 'a';
    for (let i = 0; i < 100; i++) clean = [clean];
    expect(paths({ d: clean })).toEqual([]);
    let huge: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) huge = [huge];
    expect(() => unstorablePaths(huge)).not.toThrow();
  });
});

describe('unstorableInputError', () => {
  it('is BAD_USER_INPUT with each message once per field, or nothing', () => {
    expect(unstorableInputError([])).toBeUndefined();
    const error = unstorableInputError([
      ['text', NUL_BYTE_MESSAGE],
      ['text', NUL_BYTE_MESSAGE],
      ['', LONE_SURROGATE_MESSAGE],
    ])!;
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.httpStatus).toBe(400);
    expect(error.details.fields).toEqual({ text: [NUL_BYTE_MESSAGE], '(root)': [LONE_SURROGATE_MESSAGE] });
    expect(error.message).toMatch(/^text: must not contain a NUL byte/);
  });

  it('names fields called like Object.prototype members (seed 5: {"constructor":"\\u0000"} answered 500)', () => {
    const error = unstorableInputError(unstorablePaths({ constructor: '\u0000', __proto__: 1 }))!;
    expect(error.details.fields).toEqual({ constructor: [NUL_BYTE_MESSAGE] });
  });
});

describe('unstorableArguments', () => {
  const argPaths = (query: string, variables?: Record<string, unknown>) =>
    unstorableArguments(parse(query), variables).map(([p]) => p);

  it('looks into literals, variables, defaults, lists and objects', () => {
    // graphql-js refuses an unpaired surrogate in a literal itself; in a variable it is ours to find.
    const query = 'query($w: String) { a(x: "\\u0000", y: ["ok", "\\u0000"], z: {w: $w}) }';
    expect(argPaths(query, { w: '\ud800' })).toEqual(['x', 'y.1', 'z.w']);
    expect(argPaths('query($v: In) { a(input: $v) }', { v: { t: ['\u0000'] } })).toEqual(['input.t.0']);
    expect(argPaths('query($v: String = "\\u0000") { a(s: $v) }')).toEqual(['s']);
    expect(argPaths('query($v: String = "\\u0000") { a(s: $v) }', { v: 'clean' })).toEqual([]);
  });

  it('ignores variables no argument uses and non-string literals', () => {
    expect(argPaths('query($v: String) { a(n: 1, b: true, e: ENUM, z: null) }', { v: '\u0000' })).toEqual([]);
  });
});

describe('documentNesting', () => {
  it('counts brackets, skipping strings, block strings and comments', () => {
    expect(documentNesting('{ a(x: [[1]]) { b } }')).toBe(4);
    expect(documentNesting('{ a(x: "[[[[{{{{", y: """ [[[[ """) } # [[[[[')).toBe(2);
    expect(documentNesting(`{ a(x: ${'['.repeat(3_000)}1${']'.repeat(3_000)}) }`)).toBe(3_002);
  });
});
