import fc from 'fast-check';

/**
 * The values a hostile or careless client puts in fields: wrong types, extremes, NUL bytes, lone surrogates, huge
 * and deeply nested values, prototype keys. Small on purpose where size is not the point, so a run stays fast.
 */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff\ud800',
  '%00',
  '%',
  '%zz',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'true',
  '-1',
  '1e309',
  'NaN',
  '0x10',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x}',
  '+966501234567',
  '0935123456',
  '\u202etxt.exe',
  '\r\nX-Injected: 1',
  '😀'.repeat(50),
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`) },
  // Long enough to pass any field's length limit, short enough to keep a run fast.
  { weight: 1, arbitrary: fc.constantFrom(5_000, 70_000).map((n) => 'x'.repeat(n)) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -0, -1, 1, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308, -1e308, 5e-324, 0.5),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Arrays nested `depth` deep around a value: what a JSON body can carry that no schema expects. */
export function nested(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { a: value };
  return value;
}

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    { weight: 4, arbitrary: hostileString },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(hostileString, tie('value'), { maxKeys: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom(20, 200).map((d) => nested(d)) },
    { weight: 1, arbitrary: fc.constant({ __proto__: { polluted: true } }) },
  ),
})).value;

/** qs/PHP-style keys a form body may carry around a field name. */
export function bracketKey(field: string): fc.Arbitrary<string> {
  return fc.constantFrom(
    field,
    `${field}[]`,
    `${field}[0]`,
    `${field}[a]`,
    `${field}[0][a]`,
    `${field}[__proto__][polluted]`,
    `${field}[constructor][prototype][x]`,
    `${field}[99999999]`,
    `${field}[a][b][c][d][e][f][g][h]`,
    `${field}]`,
    `[${field}`,
    `${field}[`,
  );
}
