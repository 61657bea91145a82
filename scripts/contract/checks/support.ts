import { SkipCheck, type CheckContext } from '../types.js';

/** A value an earlier check stored, or a skip naming that check. */
export function need<T>(ctx: CheckContext<unknown>, key: string, from: string): T {
  const value = ctx.state[key];
  if (value === undefined || value === null)
    throw new SkipCheck(`needs ${key} from "${from}", which did not run`);
  return value as T;
}

/** A distinct, valid test recipient per run (the simulator's "anything else" range: queued → delivered → read). */
export function testNumber(seed: number): string {
  const n = (Date.now() + seed * 7919) % 1_000_000;
  return `+96651${String(n).padStart(7, '0')}`;
}
