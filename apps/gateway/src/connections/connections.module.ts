import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConnectionEntity } from '../database/entities/index.js';
import { ConnectionsController } from './connections.controller.js';
import { ConnectionsResolver } from './connections.resolver.js';
import { ConnectionsService } from './connections.service.js';

/** Global: every feature reaches providers through ConnectionsService.connect(). */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ConnectionEntity])],
  controllers: [ConnectionsController],
  providers: [ConnectionsService, ConnectionsResolver],
  exports: [ConnectionsService],
})
export class ConnectionsModule {}
