import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverageMarkdown } from './endpoint-coverage/render.js';
import { collectCoverage, repoRoot, shortfalls } from './endpoint-coverage/verify.js';

/**
 * Writes docs/coverage.md: every documented endpoint of every provider with client ✓, simulator ✓ and
 * contract-tested ✓, each checked (scripts/endpoint-coverage/verify.ts), and the deliberate gaps.
 *
 *   npm run docs:coverage                                      regenerate
 *   npm run build && node dist/scripts/coverage-report.js --check   exit 1 when the file is stale or a ✓ is missing
 */
export const COVERAGE_DOC = 'docs/coverage.md';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const path = join(repoRoot(), COVERAGE_DOC);
  const report = await collectCoverage();
  const markdown = coverageMarkdown(report);
  const problems = shortfalls(report);
  for (const route of report.unlistedRoutes)
    problems.push(
      `the simulator serves ${route.method} ${route.url}, which scripts/endpoint-coverage/endpoints.ts leaves out`,
    );
  problems.push(...report.openApiMismatches);

  if (check) {
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // Missing: stale by definition.
    }
    if (current !== markdown) problems.unshift(`${COVERAGE_DOC} is stale: run \`npm run docs:coverage\``);
  } else {
    writeFileSync(path, markdown);
    console.log(`${COVERAGE_DOC} written`);
  }
  for (const problem of problems) console.error(`coverage: ${problem}`);
  if (problems.length > 0) process.exitCode = 1;
}

await main();
