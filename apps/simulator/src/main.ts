import { startSimulator } from './app.js';
import { configFromEnv } from './config.js';

async function main(): Promise<void> {
  const config = configFromEnv();
  const sim = await startSimulator(config);
  const ids = [...sim.core.providers.keys()];
  console.log(`Simulator listening on ${sim.url}`);
  for (const id of ids) console.log(`  ${id.padEnd(12)} ${sim.url}/${id}/`);
  console.log(`  control API  ${sim.url}/__admin   Swagger UI ${sim.url}/docs`);
  const stop = (): void => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('simulator failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
