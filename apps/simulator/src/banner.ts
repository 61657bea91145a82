import type { SimCore } from './core/sim-core.js';

/**
 * What the simulator prints when it starts: each provider's base URL as a client configures it (the README table),
 * which answers with routes under it, never a bare `/<id>/` that only 404s.
 */
export function bannerLines(url: string, core: SimCore): string[] {
  const lines = [`Simulator listening on ${url}`];
  for (const provider of core.providers.values()) {
    const base = `${url}/${provider.id}${provider.basePath}`;
    const example =
      core.routes.list(provider.id).find((r) => r.methods.includes('POST')) ??
      core.routes.list(provider.id)[0];
    const hint = example
      ? `  e.g. ${example.methods[0]} ${example.path.slice(provider.id.length + 1 + provider.basePath.length)}`
      : '';
    lines.push(`  ${provider.name.padEnd(12)} ${base}${hint}`);
  }
  lines.push(`  inbox        ${url}/inbox`);
  lines.push(`  control API  ${url}/__admin   Swagger UI ${url}/docs   routes ${url}/__admin/routes`);
  return lines;
}
