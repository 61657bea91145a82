import type { CapabilityTable, MessagingProvider } from '@app/providers';
import type { ConnectionsService } from '../connections/connections.service.js';
import type { ConnectionEntity } from '../database/entities/connection.entity.js';
import type { MessageAttemptEntity } from '../database/entities/message-attempt.entity.js';
import type { MessageEntity } from '../database/entities/message.entity.js';
import type { RouteEntity } from '../database/entities/route.entity.js';
import { type GatewayError } from '../common/errors/gateway-error.js';
import type { ConnectionAvailability } from '../routes/connection-availability.js';
import type { RoutesService } from '../routes/routes.service.js';
import { SendTargets } from './send-targets.js';

const connection = (name: string, text = true): ConnectionEntity =>
  ({ id: `id-${name}`, name, tenantId: 't1', provider: text ? 'wessaal' : 'watsal' }) as ConnectionEntity;
const A = connection('a');
const B = connection('b');
const C = connection('c');
const NO_TEXT = connection('templates', false);
const ROUTE = { id: 'r1', tenantId: 't1', name: 'main', connectionIds: [] } as unknown as RouteEntity;

/** SendTargets over a route of `along`, with `down` unavailable. */
function targetsOf(along: ConnectionEntity[], down: ConnectionEntity[] = []): SendTargets {
  const connections = {
    adapterOf: (c: ConnectionEntity) =>
      ({
        id: c.provider,
        capabilities: { text: c.provider === 'wessaal' } as CapabilityTable,
      }) as MessagingProvider,
    connect: async () => {
      throw new Error('not used');
    },
  } as unknown as ConnectionsService;
  const routes = {
    get: async () => ROUTE,
    getById: async () => ROUTE,
    connectionsOf: async () => along,
  } as unknown as RoutesService;
  const availability: ConnectionAvailability = { isAvailable: (c) => !down.includes(c) };
  return new SendTargets(connections, routes, availability);
}

const routed = { tenantId: 't1', routeId: 'r1' } as MessageEntity;
const last = (on: ConnectionEntity, outcome: MessageAttemptEntity['outcome']) =>
  ({ connectionId: on.id, outcome, number: 1 }) as MessageAttemptEntity;

describe('SendTargets', () => {
  it('tries the capable connections of a route, the available ones first, in the route order', async () => {
    const { targets } = await targetsOf([NO_TEXT, A, B, C], [A]).resolve('t1', { route: 'main' }, 'text');
    expect(targets.map((t) => t.connection.name)).toEqual(['b', 'c', 'a']);
  });

  it('refuses both or neither of connection and route, naming the field', async () => {
    const field = async (via: { connection?: string; route?: string }) => {
      try {
        await targetsOf([A]).resolve('t1', via, 'text');
      } catch (error) {
        return Object.keys((error as GatewayError).details.fields ?? {});
      }
      return [];
    };
    expect(await field({ connection: 'a', route: 'main' })).toEqual(['route']);
    expect(await field({})).toEqual(['connection']);
  });

  it('refuses a route none of whose connections has the capability', async () => {
    await expect(targetsOf([NO_TEXT]).resolve('t1', { route: 'main' }, 'text')).rejects.toMatchObject({
      code: 'UNSUPPORTED_CAPABILITY',
    });
  });

  it('moves a retry after a transient failure to the next connection, wrapping round', async () => {
    const targets = targetsOf([A, B, C]);
    expect((await targets.forRetry(routed, A, 'text', last(A, 'transient'))).connection).toBe(B);
    expect((await targets.forRetry(routed, C, 'text', last(C, 'transient'))).connection).toBe(A);
  });

  it('retries an attempt whose process died on the same connection first', async () => {
    expect((await targetsOf([A, B, C]).forRetry(routed, B, 'text', last(B, null))).connection).toBe(B);
  });

  it('skips an unavailable or incapable next connection', async () => {
    const targets = targetsOf([A, NO_TEXT, B, C], [B]);
    expect((await targets.forRetry(routed, A, 'text', last(A, 'transient'))).connection).toBe(C);
  });

  it('keeps a message without a route on its own connection', async () => {
    const own = await targetsOf([A, B]).forRetry(
      { tenantId: 't1', routeId: null } as MessageEntity,
      C,
      'text',
      null,
    );
    expect(own.connection).toBe(C);
  });
});
