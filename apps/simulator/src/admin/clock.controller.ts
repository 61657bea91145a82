import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SimCore } from '../core/sim-core.js';
import { AdvanceClockDto } from './admin.dto.js';
import { SIM_CORE } from './sim-core.token.js';

@ApiTags('control')
@Controller('__admin/clock')
export class ClockController {
  constructor(@Inject(SIM_CORE) private readonly core: SimCore) {}

  @Get()
  @ApiOperation({ summary: "The simulator's time and how far it is ahead of the wall clock" })
  get(): Record<string, unknown> {
    return this.view();
  }

  @Post('advance')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move simulator time forward, running every lifecycle step that becomes due' })
  advance(@Body() body: AdvanceClockDto): Record<string, unknown> {
    this.core.clock.advance(body.ms);
    return this.view();
  }

  private view(): Record<string, unknown> {
    return {
      now: this.core.clock.nowIso(),
      offsetMs: this.core.clock.offset,
      scheduled: this.core.clock.pending(),
    };
  }
}
