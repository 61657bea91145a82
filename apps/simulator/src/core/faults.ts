import picomatch from 'picomatch';

export const FAULT_KINDS = ['error', 'delay', 'reset', 'hang'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  provider: string;
  kind: FaultKind;
  method?: string;
  /** Glob over the path after the provider prefix (`/integration/v1/messages/*`) or the full path. */
  path?: string;
  status?: number;
  body?: unknown;
  delayMs?: number;
  /** Fire this many times, then retire. Unlimited when absent. */
  times?: number;
  /** Chance of firing per matching request, 0–1. Default 1. */
  probability?: number;
  /** Seeds this fault's random draws so a probabilistic run repeats exactly. */
  seed?: number;
}

export interface Fault extends FaultSpec {
  id: string;
  fired: number;
  createdAt: string;
}

interface ActiveFault {
  fault: Fault;
  matchPath: (path: string) => boolean;
  random: () => number;
}

/** mulberry32: tiny, fast, good enough to make fault draws repeatable from a seed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultRegistry {
  private active: ActiveFault[] = [];
  private nextId = 1;

  /** Hot path: one length check when no fault is set. */
  get isEmpty(): boolean {
    return this.active.length === 0;
  }

  add(spec: FaultSpec, nowIso: string): Fault {
    const fault: Fault = { ...spec, id: `flt_${this.nextId++}`, fired: 0, createdAt: nowIso };
    // A path copied without its leading slash still means the path from the root.
    const path = spec.path && !/^[/*]/.test(spec.path) ? `/${spec.path}` : spec.path;
    const glob = path ? picomatch(path, { dot: true }) : () => true;
    const seed = spec.seed ?? Math.floor(Math.random() * 2 ** 32);
    this.active.push({ fault, matchPath: glob, random: seededRandom(seed) });
    return fault;
  }

  list(): Fault[] {
    return this.active.map((a) => a.fault);
  }

  remove(id: string): boolean {
    const before = this.active.length;
    this.active = this.active.filter((a) => a.fault.id !== id);
    return this.active.length !== before;
  }

  clear(): void {
    this.active = [];
  }

  /** The fault to apply to this request, if any; counts it as fired and retires exhausted ones. */
  match(provider: string, method: string, providerPath: string, fullPath: string): Fault | undefined {
    for (const candidate of this.active) {
      const { fault } = candidate;
      if (fault.provider !== provider) continue;
      if (fault.method && fault.method.toUpperCase() !== method) continue;
      if (!candidate.matchPath(providerPath) && !candidate.matchPath(fullPath)) continue;
      if (fault.probability !== undefined && candidate.random() >= fault.probability) continue;
      fault.fired++;
      if (fault.times !== undefined && fault.fired >= fault.times) this.remove(fault.id);
      return fault;
    }
    return undefined;
  }
}
