import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';

/**
 * A connection's webhook URL: `${publicUrl ?? origin}/v1/webhooks/<provider>/<token>`. GATEWAY_PUBLIC_URL wins (the
 * gateway may sit behind a proxy the provider reaches by another name); else the origin the caller used.
 */
export function webhookUrlOf(
  base: { publicUrl?: string; origin?: string },
  connection: { provider: string; webhookToken: string },
): string {
  const root = (base.publicUrl ?? base.origin)?.replace(/\/+$/, '');
  if (!root) {
    throw new GatewayError(
      GatewayErrorCode.BAD_USER_INPUT,
      "the gateway's public URL is unknown: set GATEWAY_PUBLIC_URL or call over HTTP",
    );
  }
  const provider = encodeURIComponent(connection.provider);
  return `${root}/v1/webhooks/${provider}/${encodeURIComponent(connection.webhookToken)}`;
}
