import picomatch from 'picomatch';

interface Route {
  methods: string[];
  /** Path segments after the provider prefix, as Fastify spells them (`:id`, `*`). */
  segments: string[];
}

function segmentsOf(path: string): string[] {
  return path
    .split('?', 1)[0]!
    .split('/')
    .filter((s) => s !== '');
}

/** A Fastify segment that takes any value: a parameter (`:id`, `file-:name`). */
const isParameter = (segment: string): boolean => segment.includes(':');
/** Fastify's catch-all: the segment and everything after it. */
const isCatchAll = (segment: string): boolean => segment.includes('*');

/**
 * Could some concrete path of a route match the glob? Walks both segment by segment: `**` in the glob takes any
 * number of segments, a route parameter takes any one glob segment, a route catch-all takes the rest; two literal
 * segments must match as picomatch would match them.
 */
function couldMatch(glob: readonly string[], route: readonly string[]): boolean {
  if (glob.length === 0) return route.length === 0 || (route.length === 1 && isCatchAll(route[0]!));
  const [head, ...rest] = glob as [string, ...string[]];
  if (head === '**') {
    for (let skip = 0; skip <= route.length; skip++) if (couldMatch(rest, route.slice(skip))) return true;
    return false;
  }
  if (route.length === 0) return false;
  const [segment, ...after] = route as [string, ...string[]];
  if (isCatchAll(segment)) return true;
  if (!isParameter(segment) && !picomatch.isMatch(segment, head, { dot: true })) return false;
  return couldMatch(rest, after);
}

/** Every provider route, as registered, so a fault that can never fire is refused when it is added. */
export class RouteTable {
  private readonly byProvider = new Map<string, Route[]>();

  add(provider: string, prefix: string, methods: string | string[], url: string): void {
    const path = url.startsWith(prefix) ? url.slice(prefix.length) : url;
    const list = this.byProvider.get(provider) ?? [];
    list.push({ methods: [methods].flat().map((m) => m.toUpperCase()), segments: segmentsOf(path) });
    this.byProvider.set(provider, list);
  }

  /** Undefined when some route of the provider could match; otherwise why the fault would never fire. */
  whyUnreachable(provider: string, method: string | undefined, path: string | undefined): string | undefined {
    const routes = this.byProvider.get(provider) ?? [];
    const wanted = method?.toUpperCase();
    const withMethod = wanted ? routes.filter((r) => r.methods.includes(wanted)) : routes;
    if (withMethod.length === 0) return `${provider} has no ${wanted ?? ''} route`.replace('  ', ' ');
    if (path === undefined) return undefined;
    const glob = segmentsOf(path);
    // The path after the provider prefix, or the full path with it (`/wessaal/integration/v1/...`).
    const reachable = withMethod.some(
      (route) => couldMatch(glob, route.segments) || couldMatch(glob, [provider, ...route.segments]),
    );
    if (reachable) return undefined;
    return (
      `path "${path}" matches no ${wanted ? `${wanted} ` : ''}route of ${provider}: give the full path ` +
      `(/${provider}/...) or the path after the prefix, as GET /__admin/routes?provider=${provider} lists them`
    );
  }

  /** Routes of a provider as full paths, for `GET /__admin/routes` and the startup banner. */
  list(provider: string): Array<{ methods: string[]; path: string }> {
    return (this.byProvider.get(provider) ?? []).map((r) => ({
      methods: r.methods,
      path: `/${provider}/${r.segments.join('/')}`,
    }));
  }
}
