import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { GatewayErrorCode } from '../errors/error-codes.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection.args.js';

/**
 * What one GraphQL operation may cost (README "GraphQL conventions"). Each refusal is BAD_USER_INPUT naming the
 * limit in `extensions.limit`, and happens before any resolver runs.
 */
export const GRAPHQL_LIMITS = {
  /** Nesting of selection sets (Mercurius `queryDepth`; fragments are followed). */
  maxDepth: 10,
  /** Aliased fields in one document: counted right after parsing, before validation (which is quadratic in them). */
  maxAliases: 30,
  /** Estimated cost: 1 a field, a list of n items n times its selection (n = first/last, default page size). */
  maxCost: 5_000,
} as const;

function limitError(limit: keyof typeof GRAPHQL_LIMITS, message: string, actual: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: GatewayErrorCode.BAD_USER_INPUT,
      limit: { name: limit, max: GRAPHQL_LIMITS[limit], actual },
    },
  });
}

/** Counts aliases without validating anything: cheap even for a hostile document. */
export function countAliases(document: DocumentNode): number {
  let aliases = 0;
  visit(document, {
    Field(node) {
      if (node.alias) aliases += 1;
    },
  });
  return aliases;
}

/** Mercurius preValidation hook: refuses a document with too many aliases before validation runs. */
export function checkAliases(document: DocumentNode): void {
  const aliases = countAliases(document);
  if (aliases > GRAPHQL_LIMITS.maxAliases) {
    throw limitError(
      'maxAliases',
      `the document uses ${aliases} aliases; at most ${GRAPHQL_LIMITS.maxAliases} are allowed`,
      aliases,
    );
  }
}

/** A page of n items costs n times its selection: first/last (or the default page size) on connection fields. */
const connectionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const typeName = field.type.toString().replace(/[![\]]/g, '');
  if (!typeName.endsWith('Connection')) return undefined;
  const asked = Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
  // A size over the cap is refused by argument validation, naming `first`/`last`: price it at the cap here.
  const size = Number.isFinite(asked) && asked > 0 ? Math.min(asked, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  return 1 + childComplexity * size;
};

/** Mercurius preExecution hook: refuses an operation whose estimated cost exceeds the budget. */
export function checkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
): number {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const cost = getComplexity({
    schema,
    query: document,
    variables: variables ?? {},
    ...(operationName && operations.length > 1 && { operationName }),
    estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
  if (cost > GRAPHQL_LIMITS.maxCost) {
    throw limitError(
      'maxCost',
      `the operation costs ${cost} (a list counts its selection once per item asked); at most ${GRAPHQL_LIMITS.maxCost} is allowed`,
      cost,
    );
  }
  return cost;
}

/** Validation rules by configuration: introspection refused when GATEWAY_GRAPHQL_INTROSPECTION is off. */
export function limitValidationRules(introspection: boolean): ValidationRule[] {
  return introspection ? [] : [NoSchemaIntrospectionCustomRule];
}
