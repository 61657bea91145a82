import { connectionWindow, type ConnectionWindow } from '../../common/graphql/connection.args.js';
import type { ConnectionModel } from '../../common/graphql/connection.types.js';
import { providerPageConnection } from '../../common/graphql/provider-page-connection.js';
import type { PageModel } from './page.model.js';
import type { ProviderListArgs } from './provider-list.args.js';

/** A provider list (page-numbered upstream) as a Relay connection, from a service's page-by-number `list`. */
export function providerListConnection<T>(
  args: ProviderListArgs,
  list: (page: { page: number; pageSize: number; search?: string }) => Promise<PageModel<T>>,
): Promise<ConnectionModel<T>> {
  const window: ConnectionWindow = connectionWindow(args);
  return providerPageConnection(
    (page, pageSize) => list({ page, pageSize, ...(args.search != null && { search: args.search }) }),
    window,
  );
}
