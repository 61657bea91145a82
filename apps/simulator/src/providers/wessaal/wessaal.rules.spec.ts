import fc from 'fast-check';
import { isPlainTextSend, sendRules } from './wessaal.rules.js';
import { validate } from './wessaal.validation.js';

const value = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    '',
    ' ',
    'text',
    'image',
    'my-instance',
    '+966501234567',
    '966501234567',
    '+1',
    '120363041234567890@g.us',
    'Hello',
    '\u00a0',
    124,
    0,
    -1,
    1.5,
    true,
    false,
    [],
    [5],
    {},
    { key: { id: 'ABC' } },
  ),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.string({ minLength: 4090, maxLength: 4100 }),
);
const FIELDS = [
  'instance',
  'recipient',
  'contact_id',
  'message_type',
  'content',
  'media_url',
  'filename',
  'template_id',
  'template_variables',
  'delay',
  'quoted',
  'link_preview',
  'mentioned',
  'mentions_everyone',
  'other',
];
const body = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: FIELDS.length });
const plain = fc.record({
  instance: fc.oneof(fc.constant('my-instance'), fc.integer(), fc.string({ maxLength: 10 })),
  recipient: fc.oneof(fc.constant('+966501234567'), fc.string({ maxLength: 16 })),
  content: fc.oneof(fc.constant('Hello'), fc.string({ maxLength: 10 })),
  message_type: fc.constantFrom(undefined, 'text', 'image'),
  link_preview: fc.constantFrom(undefined, true, false, 'yes'),
});

describe('wessaal send fast path', () => {
  it('accepts only bodies that validatorjs accepts with the send rules', () => {
    fc.assert(
      fc.property(fc.oneof(body, plain), (b: Record<string, unknown>) => {
        if (isPlainTextSend(b)) expect(validate(b, sendRules(b.message_type))).toBeUndefined();
      }),
      { numRuns: 3_000 },
    );
  });

  it('takes the commonest text send and leaves the rest to validatorjs', () => {
    const text = { instance: 'my-instance', recipient: '+966501234567', message_type: 'text', content: 'Hi' };
    expect(isPlainTextSend(text)).toBe(true);
    expect(isPlainTextSend({ ...text, instance: 124, link_preview: false })).toBe(true);
    expect(isPlainTextSend({ ...text, content: '   ' })).toBe(false);
    expect(isPlainTextSend({ ...text, template_id: 7 })).toBe(false);
    expect(isPlainTextSend({ ...text, message_type: 'image' })).toBe(false);
    expect(isPlainTextSend({ ...text, recipient: 'abc' })).toBe(false);
    expect(validate({ ...text, recipient: 'abc' }, sendRules('text'))).toEqual({
      recipient: ['The recipient format is invalid.'],
    });
  });
});
