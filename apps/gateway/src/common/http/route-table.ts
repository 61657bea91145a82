/**
 * The routes the gateway serves, by URL pattern, so that a request whose path exists under another method can be
 * answered 405 with `Allow` (RFC 9110 §15.5.6) instead of Fastify's 404. Filled from Fastify's `onRoute` hook.
 */
export class RouteTable {
  private readonly routes = new Map<string, { pattern: RegExp; methods: Set<string> }>();

  add(url: string, methods: string | string[]): void {
    // A catch-all (CORS's `OPTIONS *`) says nothing about which paths exist.
    if (url === '*' || url === '/*') return;
    let route = this.routes.get(url);
    if (!route) {
      route = { pattern: patternOf(url), methods: new Set() };
      this.routes.set(url, route);
    }
    for (const method of [methods].flat()) route.methods.add(method.toUpperCase());
    // Fastify answers HEAD for every GET route (exposeHeadRoutes).
    if (route.methods.has('GET')) route.methods.add('HEAD');
  }

  /** Every method some route answers for this path (query string ignored), sorted; empty for an unknown path. */
  allowedMethods(url: string): string[] {
    const path = url.split('?', 1)[0]!;
    const methods = new Set<string>();
    for (const route of this.routes.values()) {
      if (route.pattern.test(path)) for (const method of route.methods) methods.add(method);
    }
    return [...methods].sort();
  }
}

/** `/v1/connections/:name/test` → a regular expression for the paths it matches (`*` matches the rest). */
function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}
