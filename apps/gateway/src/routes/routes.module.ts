import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConnectionEntity } from '../database/entities/connection.entity.js';
import { RouteEntity } from '../database/entities/route.entity.js';
import { AlwaysAvailable, CONNECTION_AVAILABILITY } from './connection-availability.js';
import { RoutesController } from './routes.controller.js';
import { RoutesResolver } from './routes.resolver.js';
import { RoutesService } from './routes.service.js';

/**
 * Failover routes (`/v1/routes`, GraphQL `routes`...). Exports the routes and the connection-availability seam the
 * sends use; CONNECTION_AVAILABILITY is bound here to "always available" until pacing's health service replaces it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([RouteEntity, ConnectionEntity])],
  controllers: [RoutesController],
  providers: [RoutesService, RoutesResolver, { provide: CONNECTION_AVAILABILITY, useClass: AlwaysAvailable }],
  exports: [RoutesService, CONNECTION_AVAILABILITY],
})
export class RoutesModule {}
