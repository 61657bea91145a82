import type { ProviderRun } from './types.js';

const escape = (text: string): string =>
  text
    // Characters XML 1.0 does not allow at all.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** JUnit XML (the Ant/Jenkins dialect every CI reads): one testsuite per provider, one testcase per check. */
export function toJUnitXml(runs: ProviderRun[], name = 'provider contract'): string {
  const all = runs.flatMap((run) => run.results);
  const count = (runResults: typeof all, status: string): number =>
    runResults.filter((r) => r.status === status).length;
  const time = (runResults: typeof all): number => runResults.reduce((sum, r) => sum + r.durationMs, 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escape(name)}" tests="${all.length}" failures="${count(all, 'failed')}" skipped="${count(all, 'skipped')}" errors="0" time="${seconds(time(all))}">`,
  ];
  for (const run of runs) {
    const r = run.results;
    lines.push(
      `  <testsuite name="${escape(`${run.provider} (${run.mode}: ${run.baseUrl})`)}" tests="${r.length}" failures="${count(r, 'failed')}" skipped="${count(r, 'skipped')}" errors="0" time="${seconds(time(r))}">`,
    );
    for (const result of r) {
      const head = `    <testcase classname="${escape(`contract.${run.provider}.${result.endpoint}`)}" name="${escape(`${result.endpoint} › ${result.check}`)}" time="${seconds(result.durationMs)}"`;
      if (result.status === 'passed') {
        lines.push(`${head}/>`);
      } else if (result.status === 'skipped') {
        lines.push(
          `${head}>`,
          `      <skipped message="${escape(result.reason ?? '')}"/>`,
          '    </testcase>',
        );
      } else {
        const detail = [result.reason, ...result.differences].filter(Boolean).join('\n');
        lines.push(
          `${head}>`,
          `      <failure message="${escape(result.differences[0] ?? result.reason ?? 'failed')}" type="ContractMismatch">${escape(detail)}</failure>`,
          '    </testcase>',
        );
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
