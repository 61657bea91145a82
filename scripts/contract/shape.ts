/**
 * Shape comparison between a fixture body and an actual body: types, required keys, array items. Values are not
 * compared (ids, texts and times differ between any two answers); `null` in a fixture accepts any value (the docs show
 * null for "absent or anything"). An empty fixture array accepts any array; items are compared index by index, items
 * past the fixture's end with its first item.
 */

export type JsonKind = 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object' | 'undefined';

export function kindOf(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'string' || type === 'number' || type === 'boolean' || type === 'object') return type;
  return 'undefined';
}

export interface ShapeDifference {
  path: string;
  /** `missing` (required key absent), `extra` (a key the fixture does not have), `type` (kinds differ). */
  kind: 'missing' | 'extra' | 'type';
  expected: string;
  actual: string;
}

export interface ShapeOptions {
  /** Also report keys the actual body has and the fixture has not (drift reports). Default false. */
  reportExtra?: boolean;
  /** A null where the fixture has a string is a difference. Default false. */
  strictNull?: boolean;
}

function describe(value: unknown): string {
  const kind = kindOf(value);
  if (kind === 'string' || kind === 'number' || kind === 'boolean') {
    const shown = JSON.stringify(value);
    return `${kind} ${shown.length > 40 ? `${shown.slice(0, 37)}...` : shown}`;
  }
  return kind;
}

const key = (path: string, name: string): string =>
  /^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;

export function diffShape(
  expected: unknown,
  actual: unknown,
  options: ShapeOptions = {},
  path = '$',
): ShapeDifference[] {
  const expectedKind = kindOf(expected);
  const actualKind = kindOf(actual);
  if (expectedKind === 'null') return [];
  // Nullable text (Laravel timestamps, optional strings): a null where the fixture shows a string is the same shape,
  // unless strict (drift reports list it).
  if (actualKind === 'null' && expectedKind === 'string' && !options.strictNull) return [];
  if (expectedKind !== actualKind) {
    return [{ path, kind: 'type', expected: describe(expected), actual: describe(actual) }];
  }
  if (expectedKind === 'array') {
    const expectedItems = expected as unknown[];
    const actualItems = actual as unknown[];
    if (expectedItems.length === 0 || actualItems.length === 0) return [];
    // Each actual item against the fixture's item at the same index, or its first item past the fixture's end.
    return actualItems.flatMap((item, index) =>
      diffShape(expectedItems[index] ?? expectedItems[0], item, options, `${path}[${index}]`),
    );
  }
  if (expectedKind === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const out: ShapeDifference[] = [];
    for (const name of Object.keys(e)) {
      if (!(name in a)) {
        out.push({ path: key(path, name), kind: 'missing', expected: describe(e[name]), actual: 'absent' });
      } else {
        out.push(...diffShape(e[name], a[name], options, key(path, name)));
      }
    }
    if (options.reportExtra) {
      for (const name of Object.keys(a)) {
        if (!(name in e))
          out.push({ path: key(path, name), kind: 'extra', expected: 'absent', actual: describe(a[name]) });
      }
    }
    return out;
  }
  return [];
}

export function formatDifference(d: ShapeDifference): string {
  switch (d.kind) {
    case 'missing':
      return `${d.path}: missing (fixture has ${d.expected})`;
    case 'extra':
      return `${d.path}: not in the fixture (got ${d.actual})`;
    default:
      return `${d.path}: expected ${d.expected}, got ${d.actual}`;
  }
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaType(contentType: string | undefined | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export interface ComparedResponse {
  status: number;
  contentType: string;
  body: unknown;
}

/** Status code, media type and body shape of an answer against a fixture's response: one line per difference. */
export function compareResponse(
  fixture: ComparedResponse,
  actual: ComparedResponse,
  options: ShapeOptions = {},
): string[] {
  const out: string[] = [];
  if (fixture.status !== actual.status) out.push(`status: expected ${fixture.status}, got ${actual.status}`);
  const expectedType = mediaType(fixture.contentType);
  const actualType = mediaType(actual.contentType);
  const jsonish = (t: string): boolean => t === 'application/json' || t.endsWith('+json');
  if (expectedType && jsonish(expectedType) !== jsonish(actualType)) {
    out.push(`content-type: expected ${expectedType}, got ${actualType || 'none'}`);
  }
  out.push(...diffShape(fixture.body, actual.body, options).map(formatDifference));
  return out;
}
