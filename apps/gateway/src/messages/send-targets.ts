import { Inject, Injectable } from '@nestjs/common';
import { SEND_TYPE_CAPABILITY, unsupported, type Capability, type MessagingProvider } from '@app/providers';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { ConnectionsService } from '../connections/connections.service.js';
import type { ConnectionEntity } from '../database/entities/connection.entity.js';
import type { MessageAttemptEntity } from '../database/entities/message-attempt.entity.js';
import type { MessageEntity } from '../database/entities/message.entity.js';
import type { RouteEntity } from '../database/entities/route.entity.js';
import { CONNECTION_AVAILABILITY, type ConnectionAvailability } from '../routes/connection-availability.js';
import { RoutesService } from '../routes/routes.service.js';
import type { Outgoing } from './message-sender.js';

/** A connection a send may go through, with its adapter. */
export interface SendTarget {
  connection: ConnectionEntity;
  adapter: MessagingProvider;
}

/** Where a new send goes: the route it was given (null for a plain connection) and the connections to try, in order. */
export interface ResolvedTargets {
  route: RouteEntity | null;
  targets: SendTarget[];
}

/** What a send names: exactly one of a connection and a route. */
export interface SendVia {
  connection?: string | null;
  route?: string | null;
}

const given = (value: string | null | undefined): value is string => value !== undefined && value !== null;

/** The capability an outgoing message needs from its connection. */
export function capabilityOf(outgoing: Outgoing): Capability {
  return outgoing.kind === 'story' ? 'status_story' : SEND_TYPE_CAPABILITY[outgoing.request.type];
}

/**
 * The one place a send's `connection` or `route` becomes the ordered connections to try: a connection alone, or
 * the route's connections that have the capability, the available ones first (paused or held off by a breaker
 * last, so a message still has somewhere to go when all are), in the route's order.
 */
@Injectable()
export class SendTargets {
  constructor(
    private readonly connections: ConnectionsService,
    private readonly routes: RoutesService,
    @Inject(CONNECTION_AVAILABILITY) private readonly availability: ConnectionAvailability,
  ) {}

  /** BAD_USER_INPUT naming the field unless exactly one is given; UNSUPPORTED_CAPABILITY when nothing can send it. */
  async resolve(tenantId: string, via: SendVia, capability: Capability): Promise<ResolvedTargets> {
    if (given(via.connection) && given(via.route))
      throw GatewayError.badInput('route', 'give either connection or route, not both');
    if (given(via.connection)) {
      const target = await this.connections.connect(tenantId, via.connection);
      if (!target.adapter.capabilities[capability]) throw unsupported(target.adapter.id, capability);
      return { route: null, targets: [target] };
    }
    if (!given(via.route)) throw GatewayError.badInput('connection', 'give a connection or a route');
    const route = await this.routes.get(tenantId, via.route);
    const targets = this.ordered(await this.routes.connectionsOf(route), capability);
    if (targets.length === 0)
      throw new GatewayError(
        GatewayErrorCode.UNSUPPORTED_CAPABILITY,
        `no connection of route "${route.name}" supports ${capability}`,
        { capability },
      );
    return { route, targets };
  }

  /**
   * Where a scheduler retry goes. A message sent by a route moves on along it: after a transient failure to the
   * connection after the last one tried (wrapping round); after an attempt whose process died, to that same
   * connection first. Without a route (or once it is deleted or has nothing left that fits), the message's own
   * connection.
   */
  async forRetry(
    message: MessageEntity,
    connection: ConnectionEntity,
    capability: Capability,
    last: MessageAttemptEntity | null,
  ): Promise<SendTarget> {
    const own = { connection, adapter: this.connections.adapterOf(connection) };
    const route = message.routeId ? await this.routes.getById(message.tenantId, message.routeId) : null;
    if (!route) return own;
    const along = await this.routes.connectionsOf(route);
    const at = along.findIndex((c) => c.id === (last?.connectionId ?? connection.id));
    const start = at < 0 ? 0 : last?.outcome === 'transient' ? at + 1 : at;
    const rotated = [...along.slice(start % along.length), ...along.slice(0, start % along.length)];
    return this.ordered(rotated, capability)[0] ?? own;
  }

  private ordered(connections: ConnectionEntity[], capability: Capability): SendTarget[] {
    const now = new Date();
    const capable = connections
      .map((connection) => ({ connection, adapter: this.connections.adapterOf(connection) }))
      .filter((t) => t.adapter.capabilities[capability]);
    const available = capable.filter((t) => this.availability.isAvailable(t.connection, now));
    return [...available, ...capable.filter((t) => !available.includes(t))];
  }
}
