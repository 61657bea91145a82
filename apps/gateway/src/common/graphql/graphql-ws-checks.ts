import {
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { GatewayErrorCode } from '../errors/error-codes.js';
import { rejectDeepDocuments, rejectUnstorableArguments } from '../input/graphql-input-checks.js';
import { checkAliases, checkCost, GRAPHQL_LIMITS, limitValidationRules } from './limits.js';

const badInput = (message: string, fields?: Record<string, string[]>) =>
  new GraphQLError(message, {
    extensions: { code: GatewayErrorCode.BAD_USER_INPUT, ...(fields && { fields }) },
  });

/** Selection-set nesting, fragments followed (each at most once a path), as Mercurius' `queryDepth` counts it. */
function depthOf(
  set: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string>,
): number {
  if (!set) return 0;
  let deepest = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      deepest = Math.max(
        deepest,
        selection.selectionSet ? 1 + depthOf(selection.selectionSet, fragments, seen) : 0,
      );
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue;
      deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return deepest;
}

function checkDepth(document: DocumentNode): void {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    const depth = depthOf(d.selectionSet, fragments, new Set());
    if (depth > GRAPHQL_LIMITS.maxDepth)
      throw new GraphQLError(
        `the operation nests ${depth} levels; at most ${GRAPHQL_LIMITS.maxDepth} are allowed`,
        {
          extensions: {
            code: GatewayErrorCode.BAD_USER_INPUT,
            limit: { name: 'maxDepth', max: GRAPHQL_LIMITS.maxDepth, actual: depth },
          },
        },
      );
  }
}

/**
 * Every check GraphQL over HTTP makes before running an operation (graphql.config.ts hooks), for one graphql-ws
 * `subscribe` message: payload shape, document nesting, syntax, aliases, the operation to run, validation (with the
 * introspection rule), depth, strings PostgreSQL cannot store and over-deep variables, cost. Mercurius runs
 * subscriptions without validating them and reports its own refusals over the socket without a code, so the socket
 * screens each operation with this first. Answers the errors to send back (each with `extensions.code`), or none.
 */
export async function checkSocketOperation(
  schema: GraphQLSchema,
  payload: unknown,
  introspection: boolean,
): Promise<readonly GraphQLError[]> {
  try {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
      return [badInput('`payload` must be an object with a `query`', { payload: ['must be an object'] })];
    const { query, variables, operationName } = payload as Record<string, unknown>;
    if (typeof query !== 'string')
      return [
        badInput('`query` must be a string holding a GraphQL document', { query: ['must be a string'] }),
      ];
    if (variables != null && (typeof variables !== 'object' || Array.isArray(variables)))
      return [badInput('`variables` must be an object', { variables: ['must be an object'] })];
    if (operationName != null && typeof operationName !== 'string')
      return [badInput('`operationName` must be a string', { operationName: ['must be a string'] })];
    await rejectDeepDocuments(schema, query);
    const document = parse(query);
    checkAliases(document);
    if (!getOperationAST(document, operationName ?? undefined))
      return [
        badInput(
          operationName
            ? `the document has no operation named "${operationName}"`
            : 'the document must hold exactly one operation, or name one in `operationName`',
          { operationName: ['must name one operation of the document'] },
        ),
      ];
    checkDepth(document);
    const invalid = validate(schema, document, [...specifiedRules, ...limitValidationRules(introspection)]);
    if (invalid.length > 0)
      return invalid.map(
        (e) =>
          new GraphQLError(e.message, {
            nodes: e.nodes,
            extensions: { code: GatewayErrorCode.BAD_USER_INPUT },
          }),
      );
    const vars = (variables ?? undefined) as Record<string, unknown> | undefined;
    await rejectUnstorableArguments(schema, document, undefined, vars);
    checkCost(schema, document, vars, operationName ?? undefined);
    return [];
  } catch (error) {
    if (error instanceof GraphQLError && typeof error.extensions?.code === 'string') return [error];
    // graphql-js' syntax errors (and anything else about the document) are the caller's.
    if (error instanceof GraphQLError)
      return [
        new GraphQLError(error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          extensions: { code: GatewayErrorCode.BAD_USER_INPUT },
        }),
      ];
    throw error;
  }
}
