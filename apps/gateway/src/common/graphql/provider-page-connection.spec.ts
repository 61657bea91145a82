import { GatewayError } from '../errors/gateway-error.js';
import { connectionWindow } from './connection.args.js';
import { MAX_PROVIDER_CALLS, providerPageConnection, type ProviderPage } from './provider-page-connection.js';

/** A provider holding `count` items; it honours the page size asked, or keeps its own (`fixedSize`). */
function fakeProvider(count: number, options: { fixedSize?: number; saysPageCount?: boolean } = {}) {
  const all = Array.from({ length: count }, (_, i) => `item-${i + 1}`);
  const calls: Array<[number, number]> = [];
  const fetch = (page: number, pageSize: number): Promise<ProviderPage<string>> => {
    calls.push([page, pageSize]);
    const size = options.fixedSize ?? pageSize;
    const items = all.slice((page - 1) * size, page * size);
    return Promise.resolve({
      items,
      total: count,
      ...(options.saysPageCount !== false && { pageCount: Math.ceil(count / size) }),
    });
  };
  return { fetch, calls };
}

describe('providerPageConnection', () => {
  it('walks a page-numbered list forward with first/after, one provider call per page', async () => {
    const provider = fakeProvider(5);
    const one = await providerPageConnection(provider.fetch, connectionWindow({ first: 2 }));
    expect(one.nodes).toEqual(['item-1', 'item-2']);
    expect(one.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(one.totalCount).toBe(5);
    const two = await providerPageConnection(
      provider.fetch,
      connectionWindow({ first: 2, after: one.pageInfo.endCursor! }),
    );
    expect(two.nodes).toEqual(['item-3', 'item-4']);
    const three = await providerPageConnection(
      provider.fetch,
      connectionWindow({ first: 2, after: two.pageInfo.endCursor! }),
    );
    expect(three.nodes).toEqual(['item-5']);
    expect(three.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(provider.calls).toEqual([
      [1, 2],
      [2, 2],
      [3, 2],
    ]);
  });

  it('resumes after any edge, not only the last one of a provider page', async () => {
    const provider = fakeProvider(7);
    const page = await providerPageConnection(provider.fetch, connectionWindow({ first: 3 }));
    const fromSecond = await providerPageConnection(
      provider.fetch,
      connectionWindow({ first: 4, after: page.edges[0]!.cursor }),
    );
    expect(fromSecond.nodes).toEqual(['item-2', 'item-3', 'item-4', 'item-5']);
  });

  it('slices a provider that keeps its own page size, and continues inside its page', async () => {
    const provider = fakeProvider(10, { fixedSize: 6 });
    const first = await providerPageConnection(provider.fetch, connectionWindow({ first: 4 }));
    expect(first.nodes).toEqual(['item-1', 'item-2', 'item-3', 'item-4']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = await providerPageConnection(
      provider.fetch,
      connectionWindow({ first: 4, after: first.pageInfo.endCursor! }),
    );
    expect(next.nodes).toEqual(['item-5', 'item-6', 'item-7', 'item-8']);
  });

  it('pages backward with last/before', async () => {
    const provider = fakeProvider(6);
    const forward = await providerPageConnection(provider.fetch, connectionWindow({ first: 6 }));
    const back = await providerPageConnection(
      provider.fetch,
      connectionWindow({ last: 2, before: forward.edges[4]!.cursor }),
    );
    expect(back.nodes).toEqual(['item-3', 'item-4']);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('guesses the end from a short page when the provider gives no page count', async () => {
    const provider = fakeProvider(4, { saysPageCount: false });
    const page = await providerPageConnection(provider.fetch, connectionWindow({ first: 3 }));
    const rest = await providerPageConnection(
      provider.fetch,
      connectionWindow({ first: 3, after: page.pageInfo.endCursor! }),
    );
    expect(rest.nodes).toEqual(['item-4']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it(`never makes more than ${MAX_PROVIDER_CALLS} provider calls for one request`, async () => {
    const provider = fakeProvider(100, { fixedSize: 1 });
    const page = await providerPageConnection(provider.fetch, connectionWindow({ first: 50 }));
    expect(provider.calls).toHaveLength(MAX_PROVIDER_CALLS);
    expect(page.nodes).toHaveLength(MAX_PROVIDER_CALLS);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it('refuses a cursor it did not hand out, and last without before, naming the argument', async () => {
    const provider = fakeProvider(3);
    const foreign = Buffer.from('["msg","x","y"]').toString('base64url');
    await expect(
      providerPageConnection(provider.fetch, connectionWindow({ first: 1, after: foreign })),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { fields: { after: expect.any(Array) } } });
    await expect(
      providerPageConnection(provider.fetch, connectionWindow({ last: 1 })),
    ).rejects.toBeInstanceOf(GatewayError);
    expect(() => connectionWindow({ first: 1, last: 1 })).toThrow('give first or last, not both');
  });
});
