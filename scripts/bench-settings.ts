import { readFileSync } from 'node:fs';

/** The key every gateway of the bench seals connection credentials with (the multi-process run passes it on). */
export const BENCH_ENCRYPTION_KEY = 'YmVuY2gta2V5LWJlbmNoLWtleS1iZW5jaC1rZXktMDE=';

/**
 * The Node flags `npm run simulator` starts the simulator with, read from package.json so the benches measure the
 * simulator as it ships (a smaller young generation and a heap ceiling keep its RSS near 130 MB under load).
 */
export function simulatorNodeFlags(): string[] {
  // BENCH_SIMULATOR_FLAGS replaces them for an experiment ('none': Node's defaults).
  const override = process.env.BENCH_SIMULATOR_FLAGS;
  if (override !== undefined) return override.split(' ').filter((flag) => flag && flag !== 'none');
  const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const command = /node ((?:--\S+ )*)dist\/apps\/simulator\/src\/main\.js/.exec(
    packageJson.scripts.simulator ?? '',
  );
  if (!command)
    throw new Error('package.json: the simulator script does not start dist/apps/simulator/src/main.js');
  return command[1]!.split(' ').filter(Boolean);
}
