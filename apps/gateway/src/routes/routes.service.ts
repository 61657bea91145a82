import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, QueryFailedError, type Repository } from 'typeorm';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { ConnectionEntity } from '../database/entities/connection.entity.js';
import { RouteEntity } from '../database/entities/route.entity.js';
import type { CreateRouteInput, UpdateRouteInput } from './dto/route.inputs.js';
import type { RouteModel } from './models/route.model.js';

/** A route's name conflicts with another of the tenant's routes. */
function nameTaken(name: string): GatewayError {
  return new GatewayError(GatewayErrorCode.CONFLICT, `a route named "${name}" already exists`, {
    fields: { name: ['already taken'] },
  });
}

/** PostgreSQL's unique_violation: two requests created the same name at once. */
function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';
}

/** Routes of a tenant: named, ordered lists of its connections (kept by id, shown by name). */
@Injectable()
export class RoutesService {
  constructor(
    @InjectRepository(RouteEntity) private readonly routes: Repository<RouteEntity>,
    @InjectRepository(ConnectionEntity) private readonly connections: Repository<ConnectionEntity>,
  ) {}

  list(tenantId: string): Promise<RouteEntity[]> {
    return this.routes.find({ where: { tenantId }, order: { name: 'ASC' } });
  }

  async get(tenantId: string, name: string): Promise<RouteEntity> {
    const route = await this.routes.findOne({ where: { tenantId, name } });
    if (!route) throw GatewayError.notFound('route', name);
    return route;
  }

  getById(tenantId: string, id: string): Promise<RouteEntity | null> {
    return this.routes.findOne({ where: { tenantId, id } });
  }

  async create(tenantId: string, input: CreateRouteInput): Promise<RouteEntity> {
    const connectionIds = await this.idsOf(tenantId, input.connections);
    if (await this.routes.exists({ where: { tenantId, name: input.name } })) throw nameTaken(input.name);
    try {
      return await this.routes.save(this.routes.create({ tenantId, name: input.name, connectionIds }));
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(input.name);
      throw error;
    }
  }

  async update(tenantId: string, name: string, input: UpdateRouteInput): Promise<RouteEntity> {
    const route = await this.get(tenantId, name);
    if (input.connections !== undefined) route.connectionIds = await this.idsOf(tenantId, input.connections);
    if (input.name !== undefined && input.name !== name) {
      if (await this.routes.exists({ where: { tenantId, name: input.name } })) throw nameTaken(input.name);
      route.name = input.name;
    }
    try {
      return await this.routes.save(route);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(route.name);
      throw error;
    }
  }

  /** Messages sent by the route keep its name; their retries then stay on the connection they were on. */
  async remove(tenantId: string, name: string): Promise<RouteEntity> {
    const route = await this.get(tenantId, name);
    await this.routes.delete({ id: route.id, tenantId });
    return route;
  }

  /** The route's connections that still exist, in the route's order. */
  async connectionsOf(route: RouteEntity): Promise<ConnectionEntity[]> {
    const found = await this.connections.find({
      where: { tenantId: route.tenantId, id: In(route.connectionIds) },
    });
    const byId = new Map(found.map((c) => [c.id, c]));
    return route.connectionIds.flatMap((id) => byId.get(id) ?? []);
  }

  async toModels(tenantId: string, routes: RouteEntity[]): Promise<RouteModel[]> {
    const ids = [...new Set(routes.flatMap((r) => r.connectionIds))];
    const found = ids.length
      ? await this.connections.find({ select: { id: true, name: true }, where: { tenantId, id: In(ids) } })
      : [];
    const names = new Map(found.map((c) => [c.id, c.name]));
    return routes.map((route) => ({
      id: route.id,
      name: route.name,
      connections: route.connectionIds.flatMap((id) => names.get(id) ?? []),
      createdAt: route.createdAt,
      updatedAt: route.updatedAt,
    }));
  }

  async toModel(route: RouteEntity): Promise<RouteModel> {
    return (await this.toModels(route.tenantId, [route]))[0]!;
  }

  /** Connection names → ids in the same order; BAD_USER_INPUT naming `connections.<i>` for a repeat or unknown. */
  private async idsOf(tenantId: string, names: string[]): Promise<string[]> {
    const seen = new Map<string, number>();
    for (const [i, name] of names.entries()) {
      const first = seen.get(name);
      if (first !== undefined)
        throw GatewayError.badInput(`connections.${i}`, `"${name}" is already at connections.${first}`);
      seen.set(name, i);
    }
    const found = await this.connections.find({
      select: { id: true, name: true },
      where: { tenantId, name: In(names) },
    });
    const byName = new Map(found.map((c) => [c.name, c.id]));
    return names.map((name, i) => {
      const id = byName.get(name);
      if (!id) throw GatewayError.badInput(`connections.${i}`, `no connection named "${name}"`);
      return id;
    });
  }
}
