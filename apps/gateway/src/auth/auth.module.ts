import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyEntity } from '../database/entities/index.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeyService } from './api-key.service.js';
import { SocketKeyWatch } from './socket-key-watch.js';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity])],
  providers: [ApiKeyService, SocketKeyWatch, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [ApiKeyService, SocketKeyWatch],
})
export class AuthModule {}
