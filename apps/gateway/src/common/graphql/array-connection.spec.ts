import { connectionFromArray } from './array-connection.js';
import { connectionWindow } from './connection.args.js';

describe('connectionFromArray', () => {
  const letters = ['a', 'b', 'c', 'd', 'e'];

  it('pages forward and backward with cursors, and counts the whole list', () => {
    const first = connectionFromArray(letters, connectionWindow({ first: 2 }));
    expect(first).toMatchObject({ nodes: ['a', 'b'], totalCount: 5 });
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = connectionFromArray(
      letters,
      connectionWindow({ first: 2, after: first.pageInfo.endCursor! }),
    );
    expect(next.nodes).toEqual(['c', 'd']);
    const back = connectionFromArray(
      letters,
      connectionWindow({ last: 2, before: next.pageInfo.endCursor! }),
    );
    expect(back.nodes).toEqual(['b', 'c']);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    const tail = connectionFromArray(letters, connectionWindow({ last: 3 }));
    expect(tail.nodes).toEqual(['c', 'd', 'e']);
    expect(tail.edges.map((e) => e.cursor)).toEqual(
      connectionFromArray(letters, connectionWindow({ first: 5 }))
        .edges.slice(2)
        .map((e) => e.cursor),
    );
  });

  it('gives an empty page with null cursors past the end', () => {
    const all = connectionFromArray(letters, connectionWindow({ first: 5 }));
    const past = connectionFromArray(letters, connectionWindow({ after: all.pageInfo.endCursor! }));
    expect(past).toMatchObject({ edges: [], nodes: [], pageInfo: { startCursor: null, endCursor: null } });
  });
});
