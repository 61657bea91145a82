import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Fault } from '../core/faults.js';
import type { SimCore } from '../core/sim-core.js';
import { FaultDto } from './admin.dto.js';
import { SIM_CORE } from './sim-core.token.js';

@ApiTags('control')
@Controller('__admin/faults')
export class FaultsController {
  constructor(@Inject(SIM_CORE) private readonly core: SimCore) {}

  @Post()
  @ApiOperation({
    summary: 'Inject a fault: error, delay, reset or hang, optionally limited by times and probability',
  })
  add(@Body() body: FaultDto): Fault {
    const why = this.core.routes.whyUnreachable(body.provider, body.method, body.path);
    if (why !== undefined) throw new BadRequestException(`this fault could never fire: ${why}`);
    return this.core.faults.add(body, this.core.clock.nowIso());
  }

  @Get()
  @ApiOperation({ summary: 'Active faults' })
  list(): Fault[] {
    return this.core.faults.list();
  }

  @Delete()
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove every fault' })
  clear(): { removed: number } {
    const removed = this.core.faults.list().length;
    this.core.faults.clear();
    return { removed };
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove one fault' })
  remove(@Param('id') id: string): { removed: string } {
    if (!this.core.faults.remove(id)) throw new NotFoundException(`no fault "${id}"`);
    return { removed: id };
  }
}
