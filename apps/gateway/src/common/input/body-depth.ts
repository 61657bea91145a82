/**
 * No request of this API nests deeper than this; class-transformer and class-validator recurse once per level, so
 * a body nested thousands deep (a few KB of `[[[[...`) overflowed the stack and answered 500.
 */
export const MAX_INPUT_DEPTH = 32;

/** How deep `value` nests, counted without recursion and given up past `limit` (a hostile body stays cheap). */
export function depthOf(value: unknown, limit = Infinity): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}
