import type { Type } from '@nestjs/common';
import { Field, Int, ObjectType } from '@nestjs/graphql';

/** Relay's PageInfo, one type for every list of the API. */
@ObjectType('PageInfo', { description: 'Where this page sits in the whole list (Relay connection spec)' })
export class PageInfoModel {
  @Field({ description: 'More items follow the last edge (fetch them with `first` and `after: endCursor`)' })
  hasNextPage!: boolean;

  @Field({
    description: 'More items precede the first edge (fetch them with `last` and `before: startCursor`)',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the first edge; null when the page is empty',
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last edge; null when the page is empty',
  })
  endCursor!: string | null;
}

export interface EdgeModel<T> {
  cursor: string;
  node: T;
}

/** What every list resolver returns (build it with `toConnection`, which fills `nodes` from `edges`). */
export interface ConnectionModel<T> {
  edges: EdgeModel<T>[];
  nodes: T[];
  pageInfo: PageInfoModel;
  /** Only on connections whose total is cheap to know; null when the source does not say. */
  totalCount?: number | null;
}

export function toConnection<T>(
  edges: EdgeModel<T>[],
  pageInfo: Omit<PageInfoModel, 'startCursor' | 'endCursor'>,
  totalCount?: number | null,
): ConnectionModel<T> {
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      ...pageInfo,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    ...(totalCount !== undefined && { totalCount }),
  };
}

export interface ConnectionTypeOptions {
  /** The node type's GraphQL name: `Message` gives `MessageEdge` and `MessageConnection`. */
  name: string;
  /** How the list is ordered, for the connection's description. */
  order: string;
  /** Adds `totalCount: Int` (null when the source does not say) for lists whose total is cheap to know. */
  totalCount?: boolean;
}

/**
 * One Relay connection type per node type: `XConnection { edges { cursor node } nodes pageInfo totalCount? }`.
 * Use as `@Query(() => MessageConnection)` with `const MessageConnection = ConnectionType(MessageModel, {...})`;
 * resolvers return a ConnectionModel (see connection-window.ts and its builders).
 */
export function ConnectionType<T>(node: Type<T>, options: ConnectionTypeOptions): Type<ConnectionModel<T>> {
  @ObjectType(`${options.name}Edge`, { description: `One ${options.name} of a ${options.name}Connection` })
  class Edge implements EdgeModel<T> {
    @Field({ description: 'Opaque; pass it as `after` or `before` to page from this edge' })
    cursor!: string;

    @Field(() => node, { description: `The ${options.name}` })
    node!: T;
  }

  @ObjectType({ isAbstract: true })
  abstract class BaseConnection implements ConnectionModel<T> {
    @Field(() => [Edge], { description: 'The items of this page with their cursors' })
    edges!: Edge[];

    @Field(() => [node], { description: 'The items of this page without cursors (the nodes of `edges`)' })
    nodes!: T[];

    @Field(() => PageInfoModel, { description: 'Cursors of this page and whether more items exist' })
    pageInfo!: PageInfoModel;
  }

  const description = `A page of ${options.name} items, ${options.order} (Relay connection spec)`;
  if (!options.totalCount) {
    @ObjectType(`${options.name}Connection`, { description })
    class Connection extends BaseConnection {}
    return Connection;
  }

  @ObjectType(`${options.name}Connection`, { description })
  class CountedConnection extends BaseConnection {
    @Field(() => Int, {
      nullable: true,
      description: 'How many items the whole list holds; null when the source does not say',
    })
    totalCount!: number | null;
  }
  return CountedConnection;
}
