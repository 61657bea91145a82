import type { Logger } from 'pino';
import { createGatewayApp, type GatewayAppOptions } from './app.factory.js';
import type { GatewayConfig } from './config/gateway-config.js';

export interface StartedGateway {
  url: string;
  logger: Logger;
  /** Stops taking connections, then closes the app: scheduler round, in-flight requests, database. */
  close(): Promise<void>;
}

/** Starts the gateway on `config.GATEWAY_PORT` (0 = any free port). */
export async function startGateway(
  config: GatewayConfig,
  databaseUrl: string,
  options: GatewayAppOptions = {},
): Promise<StartedGateway> {
  const { app, logger } = await createGatewayApp(config, databaseUrl, options);
  await app.listen(config.GATEWAY_PORT, config.GATEWAY_HOST);
  const server = app.getHttpServer();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.GATEWAY_PORT;
  return {
    url: `http://${config.GATEWAY_HOST}:${port}`,
    logger,
    async close() {
      // No new connections from here (a load balancer moves on); idle keep-alive ones close, busy ones finish.
      server.close();
      server.closeIdleConnections();
      await app.close();
    },
  };
}
