import type { EntityManager } from 'typeorm';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import type { ConnectionEntity } from '../database/entities/connection.entity.js';

/** The names of the tenant's routes that list the connection, by name. */
export async function routesUsing(
  manager: Pick<EntityManager, 'query'>,
  connection: Pick<ConnectionEntity, 'tenantId' | 'id'>,
): Promise<string[]> {
  const rows = (await manager.query(
    'SELECT name FROM routes WHERE tenant_id = $1 AND $2 = ANY(connection_ids) ORDER BY name',
    [connection.tenantId, connection.id],
  )) as Array<{ name: string }>;
  return rows.map((r) => r.name);
}

/** CONFLICT naming the routes when a connection about to be deleted is still on one (remove it there first). */
export async function refuseDeletingRoutedConnection(
  manager: Pick<EntityManager, 'query'>,
  connection: Pick<ConnectionEntity, 'tenantId' | 'id' | 'name'>,
): Promise<void> {
  const routes = await routesUsing(manager, connection);
  if (routes.length === 0) return;
  const named = routes.map((r) => `"${r}"`).join(', ');
  throw new GatewayError(
    GatewayErrorCode.CONFLICT,
    `connection "${connection.name}" is used by route ${named}: remove it from the route first`,
    { fields: { name: [`used by route ${named}`] } },
  );
}
