import { createGatewayApp } from './app.factory.js';
import type { GatewayConfig } from './config/gateway-config.js';

export interface StartedGateway {
  url: string;
  close(): Promise<void>;
}

/** Starts the gateway on `config.GATEWAY_PORT` (0 = any free port). */
export async function startGateway(config: GatewayConfig, databaseUrl: string): Promise<StartedGateway> {
  const { app } = await createGatewayApp(config, databaseUrl);
  await app.listen(config.GATEWAY_PORT, config.GATEWAY_HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.GATEWAY_PORT;
  return { url: `http://${config.GATEWAY_HOST}:${port}`, close: () => app.close() };
}
