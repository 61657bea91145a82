import { Kind, visit, type DocumentNode, type ValueNode, type VariableDefinitionNode } from 'graphql';
import { toGraphQLError } from '../errors/all-exceptions.filter.js';
import { GatewayErrorCode } from '../errors/error-codes.js';
import { GatewayError } from '../errors/gateway-error.js';
import { depthOf, MAX_INPUT_DEPTH } from './body-depth.js';
import { unstorableInputError, unstorablePaths, type Unstorable } from './unstorable-strings.js';

type Variables = Record<string, unknown> | undefined;

/** An argument's value as the resolver would get it (variables substituted), enough to look for strings. */
function valueOf(node: ValueNode, variables: Variables, defaults: Map<string, ValueNode>): unknown {
  switch (node.kind) {
    case Kind.VARIABLE: {
      const name = node.name.value;
      if (variables && name in variables) return variables[name];
      const fallback = defaults.get(name);
      return fallback ? valueOf(fallback, variables, defaults) : undefined;
    }
    case Kind.STRING:
      return node.value;
    case Kind.LIST:
      return node.values.map((item) => valueOf(item, variables, defaults));
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((f) => [f.name.value, valueOf(f.value, variables, defaults)]),
      );
    default:
      return null;
  }
}

/**
 * The paths (argument name, then the path inside it: `input.text`) of every argument in `document` whose value,
 * literal or from `variables`, has a string PostgreSQL could not store (a NUL byte, an unpaired surrogate).
 */
export function unstorableArguments(document: DocumentNode, variables: Variables): Unstorable[] {
  const defaults = new Map<string, ValueNode>();
  visit(document, {
    VariableDefinition(node: VariableDefinitionNode) {
      if (node.defaultValue) defaults.set(node.variable.name.value, node.defaultValue);
    },
  });
  const found: Unstorable[] = [];
  visit(document, {
    Argument(node) {
      unstorablePaths(valueOf(node.value, variables, defaults), node.name.value, found);
    },
  });
  return found;
}

/** Brackets deeper than this in a document are refused before graphql-js parses it (its parser recurses per level). */
const MAX_DOCUMENT_NESTING = 128;

/** The deepest nesting of `{`/`[`/`(` in a GraphQL document, strings and comments skipped. */
export function documentNesting(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '"') {
      const block = source.startsWith('"""', i);
      const end = block ? source.indexOf('"""', i + 3) : i;
      if (block) {
        i = end < 0 ? source.length : end + 2;
        continue;
      }
      for (i++; i < source.length && source[i] !== '"' && source[i] !== '\n'; i++)
        if (source[i] === '\\') i++;
    } else if (c === '{' || c === '[' || c === '(') {
      deepest = Math.max(deepest, ++depth);
    } else if (c === '}' || c === ']' || c === ')') {
      depth--;
    }
  }
  return deepest;
}

const badInput = (message: string) =>
  toGraphQLError(new GatewayError(GatewayErrorCode.BAD_USER_INPUT, message));

/**
 * Mercurius `preParsing` hook: a document nested deeper than MAX_DOCUMENT_NESTING is BAD_USER_INPUT before the
 * parser recurses into it (thousands of `[` overflowed the stack: 500).
 */
export function rejectDeepDocuments(_schema: unknown, source: string): Promise<void> {
  return documentNesting(source) > MAX_DOCUMENT_NESTING
    ? Promise.reject(badInput(`the document nests deeper than ${MAX_DOCUMENT_NESTING} levels`))
    : Promise.resolve();
}

/**
 * Mercurius `preExecution` hook: runs once per operation with the parsed document and the request's variables, and
 * refuses an operation whose variables nest deeper than MAX_INPUT_DEPTH (validation recursed per level: 500), or
 * whose arguments carry a string PostgreSQL cannot store, with BAD_USER_INPUT and `extensions.fields`.
 */
export function rejectUnstorableArguments(
  _schema: unknown,
  document: DocumentNode,
  _context: unknown,
  variables: Variables,
): Promise<void> {
  if (depthOf(variables, MAX_INPUT_DEPTH + 1) > MAX_INPUT_DEPTH + 1)
    return Promise.reject(badInput(`the variables nest deeper than ${MAX_INPUT_DEPTH} levels`));
  const error = unstorableInputError(unstorableArguments(document, variables));
  return error ? Promise.reject(toGraphQLError(error)) : Promise.resolve();
}
