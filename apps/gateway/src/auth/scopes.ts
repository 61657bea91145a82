import { SetMetadata } from '@nestjs/common';

/**
 * What an API key may do. A key carries a set of these; every route and resolver names the scope it needs.
 * Enforcement lives in ApiKeyGuard.
 */
export enum ApiScope {
  /** Send messages and run verifications. */
  SEND = 'send',
  /** Read messages, inbound messages, verifications, provider resources. */
  READ = 'read',
  /** Create, change, test and delete provider connections. */
  CONNECTIONS = 'connections',
  /** Manage the tenant's webhook endpoints. */
  WEBHOOKS = 'webhooks',
}

export const ALL_SCOPES: readonly ApiScope[] = Object.values(ApiScope);

export const REQUIRED_SCOPES = 'gateway:requiredScopes';

/** The scopes a route, resolver or whole class needs (all of them). The method's declaration wins over the class's. */
export const RequireScopes = (...scopes: ApiScope[]) => SetMetadata(REQUIRED_SCOPES, scopes);
