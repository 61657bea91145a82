import { createHash } from 'node:crypto';
import { GatewayError } from '../common/errors/gateway-error.js';
import { canonicalJson } from './canonical-json.js';
import { MAX_MEDIA_BYTES } from './dto/message-content.inputs.js';
import { MessageType, StatusStoryKind } from './dto/message-type.js';
import type { SendMessageInput } from './dto/send-message.input.js';
import { outgoingOf, prepareBulkItem, prepareSend, prepareStory } from './message-request.js';

const base = { connection: 'c', to: '+966501234567' };

function fieldOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return Object.keys(error.details.fields ?? {});
    throw error;
  }
  throw new Error('expected BAD_USER_INPUT');
}

describe('prepareSend', () => {
  it('defaults to TEXT and builds the unified request', () => {
    const prepared = prepareSend({ ...base, text: 'hi', from: 'my-instance' } as SendMessageInput);
    expect(prepared.request).toEqual({ type: 'text', to: '+966501234567', from: 'my-instance', text: 'hi' });
    expect(prepared.stored).toEqual(prepared.request);
    expect(prepared.type).toBe('text');
  });

  it('keeps uploaded bytes out of the stored request, with their sha256 and size', () => {
    const data = Buffer.from('hello file');
    const prepared = prepareSend({
      ...base,
      type: MessageType.DOCUMENT,
      media: { base64: data.toString('base64'), filename: 'a.pdf', contentType: 'application/pdf' },
    } as SendMessageInput);
    expect(prepared.upload?.data).toEqual(new Uint8Array(data));
    expect(prepared.stored.media).toEqual({
      upload: {
        sha256: createHash('sha256').update(data).digest('hex'),
        size: data.byteLength,
        filename: 'a.pdf',
        contentType: 'application/pdf',
      },
    });
    expect(JSON.stringify(prepared.stored)).not.toContain(data.toString('base64'));
  });

  it('names the offending field', () => {
    expect(fieldOf(() => prepareSend({ ...base } as SendMessageInput))).toEqual(['text']);
    expect(
      fieldOf(() => prepareSend({ ...base, to: '+999123456789', text: 'x' } as SendMessageInput)),
    ).toEqual(['to']);
    expect(fieldOf(() => prepareSend({ ...base, text: 'x', caption: 'c' } as SendMessageInput))).toEqual([
      'caption',
    ]);
    expect(
      fieldOf(() =>
        prepareSend({
          ...base,
          type: MessageType.IMAGE,
          media: { url: 'https://x/a.png', base64: 'AA==' },
        } as SendMessageInput),
      ),
    ).toEqual(['media']);
    expect(
      fieldOf(() =>
        prepareSend({
          ...base,
          type: MessageType.IMAGE,
          media: { base64: 'AAAA', filename: 'a.png' },
        } as SendMessageInput),
      ),
    ).toEqual(['media.contentType']);
    expect(
      fieldOf(() => prepareSend({ ...base, type: MessageType.TEMPLATE, template: {} } as SendMessageInput)),
    ).toEqual(['template']);
    expect(
      fieldOf(() => prepareSend({ ...base, type: MessageType.STATUS_STORY } as SendMessageInput)),
    ).toEqual(['type']);
  });

  it('refuses bytes over the cap', () => {
    const huge = Buffer.alloc(MAX_MEDIA_BYTES + 1).toString('base64');
    const input = {
      ...base,
      type: MessageType.VIDEO,
      media: { base64: huge, filename: 'v.mp4', contentType: 'video/mp4' },
    };
    expect(fieldOf(() => prepareSend(input as SendMessageInput))).toEqual(['media.base64']);
  });

  it('maps buttons by kind and needs the field each kind uses', () => {
    const prepared = prepareSend({
      ...base,
      type: MessageType.BUTTONS,
      buttons: {
        body: 'b',
        title: 't',
        buttons: [{ type: 'CALL', displayText: 'Call', phoneNumber: '+966501112222' }],
      },
    } as SendMessageInput);
    expect(prepared.request).toMatchObject({
      type: 'buttons',
      buttons: [{ type: 'call', displayText: 'Call', phoneNumber: '+966501112222' }],
    });
    expect(
      fieldOf(() =>
        prepareSend({
          ...base,
          type: MessageType.BUTTONS,
          buttons: { body: 'b', buttons: [{ type: 'COPY', displayText: 'c' }] },
        } as SendMessageInput),
      ),
    ).toEqual(['buttons.buttons.0.copyCode']);
  });
});

describe('bulk items and stories', () => {
  it('names fields inside a bulk item and refuses uploads there', () => {
    expect(fieldOf(() => prepareBulkItem({ to: '+1', text: 'x' }, 2, undefined))).toEqual(['messages.2.to']);
    expect(
      fieldOf(() =>
        prepareBulkItem(
          {
            to: base.to,
            type: MessageType.IMAGE,
            media: { base64: 'AAAA', filename: 'a', contentType: 'b' },
          },
          0,
          undefined,
        ),
      ),
    ).toEqual(['messages.0.media.base64']);
    expect(fieldOf(() => prepareBulkItem({ to: base.to, type: MessageType.LOCATION }, 1, undefined))).toEqual(
      ['messages.1.type'],
    );
  });

  it('stores a story with its type and sends it back as a story', () => {
    const story = prepareStory({
      connection: 'c',
      kind: StatusStoryKind.IMAGE,
      content: 'https://x/a.jpg',
      audience: [base.to],
    });
    expect(story.request).toMatchObject({ kind: 'image', audience: [base.to] });
    expect(outgoingOf(story.stored, undefined)).toEqual({ kind: 'story', request: story.request });
    expect(
      fieldOf(() => prepareStory({ connection: 'c', kind: StatusStoryKind.VIDEO, content: 'not a url' })),
    ).toEqual(['content']);
  });
});

describe('outgoingOf', () => {
  it('sends a lossy request from memory, or says it is gone', () => {
    const data = new Uint8Array([1, 2, 3]);
    const prepared = prepareSend({
      ...base,
      type: MessageType.AUDIO,
      media: { base64: Buffer.from(data).toString('base64'), filename: 'a.ogg', contentType: 'audio/ogg' },
    } as SendMessageInput);
    const stored = { ...prepared.stored, bulk: { index: 0 } };
    expect(prepared.lossy).toBe(true);
    expect(outgoingOf(stored, prepared.request)).toEqual({ kind: 'send', request: prepared.request });
    expect(outgoingOf(stored, undefined)).toEqual({ kind: 'gone' });
  });

  it('never stores the text of a secret message, and refuses an idempotency key for one', () => {
    const prepared = prepareSend({ ...base, text: '987650 is your code' } as SendMessageInput, {
      secret: true,
    });
    expect(prepared.request).toMatchObject({ text: '987650 is your code' });
    expect(JSON.stringify(prepared.stored)).not.toContain('987650');
    expect(prepared.stored).toMatchObject({ secret: true, text: '[secret]' });
    expect(outgoingOf(prepared.stored, undefined)).toEqual({ kind: 'gone' });
    expect(
      fieldOf(() =>
        prepareSend({ ...base, text: 'x', idempotencyKey: 'k' } as SendMessageInput, { secret: true }),
      ),
    ).toEqual(['idempotencyKey']);
  });
});

describe('canonicalJson', () => {
  it('ignores key order and undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      canonicalJson({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });
});
