import { startSimulator } from './app.js';
import { bannerLines } from './banner.js';
import { configFromEnv } from './config.js';

async function main(): Promise<void> {
  const config = configFromEnv();
  const sim = await startSimulator(config);
  for (const line of bannerLines(sim.url, sim.core)) console.log(line);
  const stop = (): void => {
    console.log('Simulator stopping...');
    sim.close().then(
      () => {
        console.log('Simulator stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('Simulator stopped with an error:', error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('simulator failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
