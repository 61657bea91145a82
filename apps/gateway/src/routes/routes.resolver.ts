import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiScope, RequireScopes } from '../auth/scopes.js';
import { TenantId } from '../auth/tenant.decorator.js';
import { lookupOptions } from '../common/graphql/lookup.js';
import { CreateRouteInput, UpdateRouteInput } from './dto/route.inputs.js';
import { RouteModel } from './models/route.model.js';
import { RoutesService } from './routes.service.js';

@RequireScopes(ApiScope.CONNECTIONS)
@Resolver(() => RouteModel)
export class RoutesResolver {
  constructor(private readonly service: RoutesService) {}

  // A small bounded list per tenant (a handful of routes): an array, not a Relay connection.
  @Query(() => [RouteModel], { description: 'Your failover routes, by name' })
  async routes(@TenantId() tenantId: string): Promise<RouteModel[]> {
    return this.service.toModels(tenantId, await this.service.list(tenantId));
  }

  @Query(() => RouteModel, lookupOptions('route', 'One of your routes by name'))
  async route(
    @TenantId() tenantId: string,
    @Args('name', { description: 'The route name' }) name: string,
  ): Promise<RouteModel> {
    return this.service.toModel(await this.service.get(tenantId, name));
  }

  @Mutation(() => RouteModel, {
    description: 'Creates a route: a named, ordered list of connections a send (`route`) fails over along',
  })
  async createRoute(
    @TenantId() tenantId: string,
    @Args('input', { description: 'The new route' }) input: CreateRouteInput,
  ): Promise<RouteModel> {
    return this.service.toModel(await this.service.create(tenantId, input));
  }

  @Mutation(() => RouteModel, { description: 'Renames a route or replaces its connections' })
  async updateRoute(
    @TenantId() tenantId: string,
    @Args('name', { description: 'The route name' }) name: string,
    @Args('input', { description: 'The fields to change' }) input: UpdateRouteInput,
  ): Promise<RouteModel> {
    return this.service.toModel(await this.service.update(tenantId, name, input));
  }

  @Mutation(() => RouteModel, { description: 'Deletes a route; returns it as it was' })
  async deleteRoute(
    @TenantId() tenantId: string,
    @Args('name', { description: 'The route name' }) name: string,
  ): Promise<RouteModel> {
    return this.service.toModel(await this.service.remove(tenantId, name));
  }
}
