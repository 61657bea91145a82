/**
 * The one nullability rule of lookups by id or name (GitHub's): the field is nullable, and an unknown or foreign
 * id answers `null` with an error whose `extensions.code` is NOT_FOUND (the resolver throws; GraphQL nulls the
 * field and keeps the rest of the response). Every `x(id)` query uses these options.
 */
export function lookupOptions(what: string, description?: string): { nullable: true; description: string } {
  const rule = `null, with a NOT_FOUND error, when no ${what} has it or it is not yours`;
  return { nullable: true, description: description ? `${description}; ${rule}` : `The ${what}; ${rule}` };
}
