import { Kind, visit, type DocumentNode, type ValueNode, type VariableDefinitionNode } from 'graphql';
import { toGraphQLError } from '../errors/all-exceptions.filter.js';
import { nulByteError, nulBytePaths } from './nul-bytes.js';

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
 * literal or from `variables`, has a string with a NUL byte.
 */
export function nulByteArgumentPaths(document: DocumentNode, variables: Variables): string[] {
  const defaults = new Map<string, ValueNode>();
  visit(document, {
    VariableDefinition(node: VariableDefinitionNode) {
      if (node.defaultValue) defaults.set(node.variable.name.value, node.defaultValue);
    },
  });
  const paths: string[] = [];
  visit(document, {
    Argument(node) {
      nulBytePaths(valueOf(node.value, variables, defaults), node.name.value, paths);
    },
  });
  return paths;
}

/**
 * Mercurius `preExecution` hook: runs once per operation with the parsed document and the request's variables, and
 * refuses an operation whose arguments carry a NUL byte with BAD_USER_INPUT and `extensions.fields`.
 */
export function rejectNulBytes(
  _schema: unknown,
  document: DocumentNode,
  _context: unknown,
  variables: Variables,
): Promise<void> {
  const error = nulByteError(nulByteArgumentPaths(document, variables));
  return error ? Promise.reject(toGraphQLError(error)) : Promise.resolve();
}
