import { z } from 'zod';
import { defineProvider, type ProviderDefinition } from '../core/provider-definition.js';
import { WasheejAdapter, WASHEEJ_CAPABILITIES } from './washeej.adapter.js';
import { WasheejClient } from './washeej.client.js';

export const washeejCredentialsSchema = z.object({
  /** Dashboard → Developer Tools; sent as the `client-id` header. */
  clientId: z.string().trim().min(1),
  /** Sent as the `client-secret` header. */
  clientSecret: z.string().trim().min(1),
});
export type WasheejCredentials = z.infer<typeof washeejCredentialsSchema>;

/** What tells two hosts of the platform apart: everything else (routes, rules, shapes) is shared. */
export interface WasheejPlatformIdentity {
  id: string;
  name: string;
  defaultBaseUrl: string;
}

/** A registry entry for one host of the Washeej platform (Washeej itself, Wutt.net). */
export function createWasheejPlatformProvider(
  identity: WasheejPlatformIdentity,
): ProviderDefinition<WasheejCredentials> {
  return defineProvider<WasheejCredentials>({
    id: identity.id,
    name: identity.name,
    defaultBaseUrl: identity.defaultBaseUrl,
    capabilities: WASHEEJ_CAPABILITIES,
    credentialsSchema: washeejCredentialsSchema,
    // The id is half of the pair and useless without the secret, but neither belongs in a log.
    secretFields: ['clientId', 'clientSecret'],
    create(config) {
      const client = new WasheejClient({
        baseUrl: config.baseUrl ?? identity.defaultBaseUrl,
        clientId: config.credentials.clientId,
        clientSecret: config.credentials.clientSecret,
        timeoutMs: config.timeoutMs,
        fetch: config.fetch,
        providerId: identity.id,
      });
      return new WasheejAdapter(client, { from: config.defaults?.from });
    },
  });
}
