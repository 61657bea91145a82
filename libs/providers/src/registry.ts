import * as entries from './registry-entries.js';
import type { AdapterConfig, ProviderDefinition } from './core/provider-definition.js';
import type { MessagingProvider } from './core/messaging-provider.js';
import { FINAL_STATUSES, type MessageStatus } from './core/message-status.js';
import { ProviderError, ProviderErrorCode } from './core/provider-error.js';

function isProviderDefinition(value: unknown): value is ProviderDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ProviderDefinition).id === 'string' &&
    typeof (value as ProviderDefinition).create === 'function' &&
    typeof (value as ProviderDefinition).capabilities === 'object'
  );
}

/** Every provider the product knows, in a stable order. */
export const PROVIDERS: readonly ProviderDefinition[] = Object.freeze(
  (Object.values(entries) as unknown[]).filter(isProviderDefinition).sort((a, b) => a.id.localeCompare(b.id)),
);

const BY_ID = new Map(PROVIDERS.map((definition) => [definition.id, definition]));

export function findProvider(id: string): ProviderDefinition | undefined {
  return BY_ID.get(id);
}

/** Whether `status` is the end for messages of this provider (its own finalStatuses, else READ and FAILED). */
export function isFinalStatusFor(providerId: string, status: MessageStatus): boolean {
  return (BY_ID.get(providerId)?.finalStatuses ?? FINAL_STATUSES).has(status);
}

export function getProvider(id: string): ProviderDefinition {
  const definition = BY_ID.get(id);
  if (!definition) {
    throw new ProviderError(ProviderErrorCode.VALIDATION_FAILED, {
      provider: id,
      message: `unknown provider "${id}"; known: ${[...BY_ID.keys()].join(', ')}`,
      fieldErrors: { provider: [`unknown provider "${id}"`] },
    });
  }
  return definition;
}

/** Validates the credentials against the provider's schema, then builds a fresh adapter for one connection. */
export function createProvider(id: string, config: AdapterConfig<unknown>): MessagingProvider {
  const definition = getProvider(id);
  const parsed = definition.credentialsSchema.safeParse(config.credentials);
  if (!parsed.success) {
    throw new ProviderError(ProviderErrorCode.VALIDATION_FAILED, {
      provider: id,
      message: `${id}: invalid credentials: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      fieldErrors: Object.fromEntries(
        parsed.error.issues.map((i) => [`credentials.${i.path.join('.')}`, [i.message]]),
      ),
    });
  }
  return definition.create({ ...config, credentials: parsed.data });
}
