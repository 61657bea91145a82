import {
  MessageStatus,
  ProviderError,
  ProviderErrorCode,
  type MessageStatusResult,
  type MessagingProvider,
} from '@app/providers';
import { StatusPollBatcher } from './status-poll-batcher.js';

function reading(id: string, providerStatus: string): MessageStatusResult {
  return { providerMessageId: id, status: MessageStatus.DELIVERED, providerStatus, raw: { id } };
}

/** An adapter recording its calls: the batch call answers `listed` (or throws), single calls answer `single`. */
function fakeAdapter(options: {
  batch?: boolean;
  listed?: string[];
  batchError?: Error;
  unknown?: string[];
}) {
  const calls = { batches: [] as string[][], singles: [] as string[] };
  const adapter = {
    id: 'fake',
    getMessageStatus: async (id: string) => {
      calls.singles.push(id);
      if (options.unknown?.includes(id))
        throw new ProviderError(ProviderErrorCode.NOT_FOUND, {
          provider: 'fake',
          message: 'Message not found.',
        });
      return reading(id, 'single');
    },
    ...(options.batch === false
      ? {}
      : {
          getMessageStatuses: async (ids: readonly string[]) => {
            calls.batches.push([...ids]);
            if (options.batchError) throw options.batchError;
            return new Map(
              ids.filter((id) => options.listed?.includes(id)).map((id) => [id, reading(id, 'listed')]),
            );
          },
        }),
  } as unknown as MessagingProvider;
  return { adapter, calls };
}

const settled = (promises: Array<Promise<MessageStatusResult>>) => Promise.allSettled(promises);

describe('StatusPollBatcher', () => {
  it('makes one batch call per adapter for the polls asked in the same macrotask', async () => {
    const batcher = new StatusPollBatcher();
    const a = fakeAdapter({ listed: ['1', '2', '3'] });
    const b = fakeAdapter({ listed: ['7', '8'] });
    const polls = [
      batcher.read(a.adapter, '1'),
      batcher.read(b.adapter, '7'),
      batcher.read(a.adapter, '2'),
      batcher.read(b.adapter, '8'),
      batcher.read(a.adapter, '3'),
    ];
    const answers = await Promise.all(polls);
    expect(answers.map((answer) => `${answer.providerMessageId}:${answer.providerStatus}`)).toEqual([
      '1:listed',
      '7:listed',
      '2:listed',
      '8:listed',
      '3:listed',
    ]);
    expect(a.calls).toEqual({ batches: [['1', '2', '3']], singles: [] });
    expect(b.calls).toEqual({ batches: [['7', '8']], singles: [] });
  });

  it('starts a new batch for polls asked after the flush', async () => {
    const batcher = new StatusPollBatcher();
    const a = fakeAdapter({ listed: ['1', '2', '3', '4'] });
    const first = [batcher.read(a.adapter, '1'), batcher.read(a.adapter, '2')];
    await Promise.all(first);
    await Promise.all([batcher.read(a.adapter, '3'), batcher.read(a.adapter, '4')]);
    expect(a.calls.batches).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('asks one by one for the ids the batch answer left out, each with its own outcome', async () => {
    const batcher = new StatusPollBatcher();
    const a = fakeAdapter({ listed: ['1'], unknown: ['3'] });
    const [one, two, three] = await settled([
      batcher.read(a.adapter, '1'),
      batcher.read(a.adapter, '2'),
      batcher.read(a.adapter, '3'),
    ]);
    expect(one).toMatchObject({ status: 'fulfilled', value: { providerStatus: 'listed' } });
    expect(two).toMatchObject({
      status: 'fulfilled',
      value: { providerMessageId: '2', providerStatus: 'single' },
    });
    // "Unknown message" comes from the message's own status call, as without batching.
    expect(three).toMatchObject({ status: 'rejected', reason: { code: ProviderErrorCode.NOT_FOUND } });
    expect(a.calls.singles).toEqual(['2', '3']);
  });

  it('asks a duplicated id once and answers every poll of it', async () => {
    const batcher = new StatusPollBatcher();
    const a = fakeAdapter({ listed: ['5'] });
    const answers = await Promise.all([batcher.read(a.adapter, '5'), batcher.read(a.adapter, '5')]);
    expect(answers.map((answer) => answer.providerMessageId)).toEqual(['5', '5']);
    expect(a.calls.batches).toEqual([['5']]);
  });

  it('fails every poll of the batch with the batch call error, and asks nothing one by one', async () => {
    const batcher = new StatusPollBatcher();
    const down = new ProviderError(ProviderErrorCode.RATE_LIMITED, { provider: 'fake', message: 'Too Many' });
    const a = fakeAdapter({ listed: ['1'], batchError: down });
    const outcomes = await settled([batcher.read(a.adapter, '1'), batcher.read(a.adapter, '2')]);
    expect(outcomes).toEqual([
      { status: 'rejected', reason: down },
      { status: 'rejected', reason: down },
    ]);
    expect(a.calls.singles).toEqual([]);
  });

  it('a lone poll and an adapter without the batch method call getMessageStatus directly', async () => {
    const batcher = new StatusPollBatcher();
    const a = fakeAdapter({ listed: ['1'] });
    expect(await batcher.read(a.adapter, '1')).toMatchObject({ providerStatus: 'single' });
    expect(a.calls).toEqual({ batches: [], singles: ['1'] });

    const plain = fakeAdapter({ batch: false });
    await Promise.all([batcher.read(plain.adapter, '1'), batcher.read(plain.adapter, '2')]);
    expect(plain.calls).toEqual({ batches: [], singles: ['1', '2'] });
  });
});
