import type { Operation } from './requests.js';

interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface OperationObject {
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Schema> };
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Property names of a schema, two levels deep, `$ref`s followed: what a body's fields are called. */
function propertyNames(
  doc: OpenApiDocument,
  schema: Schema | undefined,
  depth = 0,
  out = new Set<string>(),
): Set<string> {
  if (!schema || depth > 2) return out;
  const resolved = schema.$ref ? doc.components?.schemas?.[schema.$ref.split('/').pop()!] : schema;
  if (!resolved) return out;
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    out.add(name);
    propertyNames(doc, property, depth + 1, out);
  }
  for (const sub of [...(resolved.allOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])])
    propertyNames(doc, sub, depth + 1, out);
  propertyNames(doc, resolved.items, depth + 1, out);
  return out;
}

/** Every operation of an OpenAPI document, with its field and query names; `scopeOf` names its error shape. */
export function operationsOf(doc: OpenApiDocument, scopeOf: (template: string) => string): Operation[] {
  return Object.entries(doc.paths).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.includes(method))
      .map(([method, op]) => {
        const fields = new Set<string>();
        for (const media of Object.values(op.requestBody?.content ?? {}))
          propertyNames(doc, media.schema, 0, fields);
        return {
          method: method.toUpperCase(),
          template,
          scope: scopeOf(template),
          fields: [...fields],
          query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        };
      }),
  );
}
