import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SimCore } from '../core/sim-core.js';
import { ProviderQueryDto } from './admin.dto.js';
import { SIM_CORE } from './sim-core.token.js';

interface ProviderRoutes {
  provider: string;
  name: string;
  /** What a client takes as its base URL's path (the README table). */
  basePath: string;
  routes: Array<{ methods: string[]; path: string }>;
}

@ApiTags('control')
@Controller('__admin/routes')
export class RoutesController {
  constructor(@Inject(SIM_CORE) private readonly core: SimCore) {}

  @Get()
  @ApiOperation({ summary: "Every provider's base path and routes (what a fault's path can match)" })
  list(@Query() query: ProviderQueryDto): ProviderRoutes[] {
    return [...this.core.providers.values()]
      .filter((p) => !query.provider || p.id === query.provider)
      .map((p) => ({
        provider: p.id,
        name: p.name,
        basePath: `/${p.id}${p.basePath}`,
        routes: this.core.routes.list(p.id),
      }));
  }
}
