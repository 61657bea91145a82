import { CAPABILITIES } from './core/capabilities.js';
import { PROVIDERS } from './registry.js';

/** The capability table as Markdown, for the README (a test fails when the README drifts from the registry). */
export function capabilityMatrixMarkdown(): string {
  const header = `| capability | ${PROVIDERS.map((p) => p.id).join(' | ')} |`;
  const rule = `|---|${PROVIDERS.map(() => ':-:').join('|')}|`;
  const rows = CAPABILITIES.map(
    (capability) =>
      `| ${capability} | ${PROVIDERS.map((p) => (p.capabilities[capability] ? '✓' : '—')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}
