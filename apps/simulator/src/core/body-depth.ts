import type { FastifyInstance } from 'fastify';

/** No control call takes anything nested deeper; class-transformer recurses per level and overflows the stack. */
export const MAX_BODY_DEPTH = 32;

/** How deep `value` nests, counted without recursion (so a hostile body cannot overflow the stack here either). */
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

/** A `preValidation` hook on the control API: a body nested deeper than MAX_BODY_DEPTH is a 400 saying so. */
export function rejectDeepBodies(app: FastifyInstance): void {
  app.addHook('preValidation', async (request, reply) => {
    if (depthOf(request.body, MAX_BODY_DEPTH) <= MAX_BODY_DEPTH) return;
    return reply.code(400).send({
      statusCode: 400,
      error: 'Bad Request',
      message: `the body nests deeper than ${MAX_BODY_DEPTH} levels`,
    });
  });
}
