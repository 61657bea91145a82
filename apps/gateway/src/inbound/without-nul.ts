/**
 * PostgreSQL text and jsonb cannot hold U+0000; a provider body that carries one must not turn into a 500.
 * Returns the value with every NUL removed from its strings (keys included), deeply.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string')
    return (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withoutNul(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [withoutNul(k), withoutNul(v)]),
    ) as T;
  }
  return value;
}
