import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConnectionEntity } from '../database/entities/connection.entity.js';
import { RouteEntity } from '../database/entities/route.entity.js';
import { ConnectionHealthService } from '../dispatch/connection-health.service.js';
import { CONNECTION_AVAILABILITY } from './connection-availability.js';
import { RoutesController } from './routes.controller.js';
import { RoutesResolver } from './routes.resolver.js';
import { RoutesService } from './routes.service.js';

/**
 * Failover routes (`/v1/routes`, GraphQL `routes`...). Exports the routes and the connection-availability seam the
 * sends use; CONNECTION_AVAILABILITY is pacing's ConnectionHealthService (AlwaysAvailable is the stand-in for tests).
 */
@Module({
  imports: [TypeOrmModule.forFeature([RouteEntity, ConnectionEntity])],
  controllers: [RoutesController],
  providers: [
    RoutesService,
    RoutesResolver,
    // Pacing's view (dispatch/, global): not paused after a 429/503, not held off by the circuit breaker.
    { provide: CONNECTION_AVAILABILITY, useExisting: ConnectionHealthService },
  ],
  exports: [RoutesService, CONNECTION_AVAILABILITY],
})
export class RoutesModule {}
