import type { SecretBox } from '../common/crypto/secret-box.js';
import type { WebhookEndpointEntity } from './webhook-endpoint.entities.js';

/** How long the secret before a rotation keeps signing, so receivers can switch without losing a delivery. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/** The secrets that sign a delivery now: the current one, and the previous one during its 24 h overlap. */
export function activeSecrets(
  box: SecretBox,
  endpoint: Pick<WebhookEndpointEntity, 'secretSealed' | 'previousSecretSealed' | 'previousSecretExpiresAt'>,
  now = new Date(),
): string[] {
  const secrets = [box.open(endpoint.secretSealed)];
  if (
    endpoint.previousSecretSealed &&
    endpoint.previousSecretExpiresAt &&
    new Date(endpoint.previousSecretExpiresAt).getTime() > now.getTime()
  )
    secrets.push(box.open(endpoint.previousSecretSealed));
  return secrets;
}
